using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// The properties a model's schema does not know, read straight from the <see cref="Utf8JsonReader"/> into its
/// <see cref="IAdditionalDataHolder.AdditionalData"/> as Kiota's <see cref="JsonParseNode"/> keeps them: numbers as
/// <c>decimal</c> (<c>double</c> beyond its range), strings as <c>DateTime</c>, <c>DateTimeOffset</c> or <c>Guid</c>
/// when they read as one, <c>bool</c>, <c>null</c>, and objects and arrays as Kiota's untyped nodes. No parse node,
/// document or copy of the value; the names, which come back in every object of a list, are reused.
/// </summary>
internal static class AdditionalDataReader
{
    private static readonly object True = true, False = false;

    /// <summary>
    /// Reads the property whose name the reader stands on into <paramref name="data"/>, unless it is there already
    /// (the first of two equal names wins, as in Kiota); skips its value when the model keeps no additional data.
    /// </summary>
    public static void Read(ref Utf8JsonReader reader, IDictionary<string, object>? data)
    {
        var name = PropertyNames.Get(ref reader);
        reader.Read();
        if (data is null)
        {
            reader.Skip();
            return;
        }

        var value = Value(ref reader)!;
        if (data is Dictionary<string, object> dictionary)
        {
            dictionary.TryAdd(name, value);
        }
        else if (!data.ContainsKey(name))
        {
            data.Add(name, value);
        }
    }

    /// <summary>The value the reader stands on as Kiota's <see cref="UntypedNode"/>s represent it; the reader ends on its last token.</summary>
    public static UntypedNode Untyped(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetInt32(out var integer) ? new UntypedInteger(integer)
            : reader.TryGetInt64(out var longValue) ? new UntypedLong(longValue)
            : reader.TryGetDecimal(out var decimalValue) ? new UntypedDecimal(decimalValue)
            : reader.TryGetSingle(out var floatValue) ? new UntypedFloat(floatValue)
            : reader.TryGetDouble(out var doubleValue) ? new UntypedDouble(doubleValue)
            : throw UnexpectedKind(reader.TokenType),
        JsonTokenType.String => new UntypedString(reader.GetString()),
        JsonTokenType.True or JsonTokenType.False => new UntypedBoolean(reader.GetBoolean()),
        JsonTokenType.StartArray => UntypedArray(ref reader),
        JsonTokenType.StartObject => UntypedObject(ref reader),
        _ => new UntypedNull(),
    };

    /// <summary>Kiota's <c>TryGetAnything</c>: the value of an unknown property.</summary>
    private static object? Value(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        // Every JSON number reads as a double (beyond its range as an infinity), so Kiota's further attempts never run.
        JsonTokenType.Number => reader.TryGetDecimal(out var decimalValue) ? decimalValue
            : reader.TryGetDouble(out var doubleValue) ? (object)doubleValue
            : throw new InvalidOperationException("unexpected additional value type during number deserialization"),
        JsonTokenType.String => reader.TryGetDateTime(out var dateTime) ? dateTime
            : reader.TryGetDateTimeOffset(out var dateTimeOffset) ? dateTimeOffset
            : reader.TryGetGuid(out var guid) ? (object)guid
            : reader.GetString(),
        JsonTokenType.StartArray or JsonTokenType.StartObject => Untyped(ref reader),
        JsonTokenType.True => True,
        JsonTokenType.False => False,
        _ => null,
    };

    private static UntypedObject UntypedObject(ref Utf8JsonReader reader)
    {
        var properties = new Dictionary<string, UntypedNode>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyNames.Get(ref reader);
            reader.Read();
            properties[name] = Untyped(ref reader); // the last of two equal names wins, as in Kiota
        }

        return new UntypedObject(properties);
    }

    /// <summary>
    /// Kiota reads an array lazily, whenever its value is enumerated: an item it cannot read (text that is not valid
    /// UTF-8 or UTF-16) fails that enumeration, not the response. Read here at once, such an array keeps the items
    /// before that one and fails there each time it is enumerated, as Kiota's does.
    /// </summary>
    private static UntypedArray UntypedArray(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var items = new List<UntypedNode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                items.Add(Untyped(ref reader));
            }
            catch (InvalidOperationException unreadable)
            {
                while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != depth)
                {
                    reader.Read();
                }

                return new UntypedArray(ThenFail(items, unreadable));
            }
        }

        return new UntypedArray(items);
    }

    private static IEnumerable<UntypedNode> ThenFail(List<UntypedNode> items, InvalidOperationException unreadable)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        throw new InvalidOperationException(unreadable.Message, unreadable);
    }

    private static InvalidOperationException UnexpectedKind(JsonTokenType token) =>
        new($"unexpected additional value type during deserialization json kind : {token}");

    /// <summary>
    /// Property names by their UTF-8 bytes: one string per name for the whole process, not one per object. A small
    /// table of fixed size, each slot holding the last name that fell into it: bounded whatever names a server sends,
    /// and safe to share between threads (a slot holds one immutable entry, replaced whole).
    /// </summary>
    private static class PropertyNames
    {
        private const int MaxLength = 64;
        private static readonly Entry?[] Table = new Entry?[256];

        public static string Get(ref Utf8JsonReader reader)
        {
            var utf8 = reader.ValueSpan;
            if (reader.ValueIsEscaped || utf8.Length is 0 or > MaxLength)
            {
                return reader.GetString()!;
            }

            // A name's slot: from its length and its first, middle and last bytes, cheap to compute and enough to tell apart the few names a server adds.
            var hash = (utf8.Length * 31) + (utf8[0] * 17) + (utf8[utf8.Length / 2] * 7) + utf8[^1];
            ref var slot = ref Table[hash & (Table.Length - 1)];
            var entry = Volatile.Read(ref slot);
            if (entry is not null && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Name;
            }

            var name = reader.GetString()!;
            Volatile.Write(ref slot, new Entry(utf8.ToArray(), name));
            return name;
        }

        private sealed record Entry(byte[] Utf8, string Name);
    }
}
