using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Helpers;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// CUSTOM: changes how generated models are read. The getters of Kiota's <see cref="IParseNode"/>, each over the value
/// a <see cref="Utf8JsonReader"/> stands on: the generated model readers (<c>ModelReaders</c>, written by
/// TryVox.Client.Generators) run each model's own deserializer statements with <c>n.GetStringValue()</c> turned into
/// <c>JsonValueReader.GetStringValue(ref reader)</c>, as they stream through the body, with no document and no node
/// object per property. Every value reads exactly as Kiota's <see cref="JsonParseNode"/> reads it: the token each
/// getter expects directly, anything else through Kiota's own node over that value.
/// </summary>
/// <remarks>
/// A getter leaves the reader on the value's last token (an object or array it reads, it reads whole); a getter that
/// does not read an object or array leaves the reader on its start, for the caller to skip.
/// </remarks>
internal static class JsonValueReader
{
    /// <summary>Moves from a known property's name to its value; false when that is <c>null</c>, which Kiota skips without reading.</summary>
    public static bool ReadValue(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType != JsonTokenType.Null;

    public static string? GetStringValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    public static bool? GetBoolValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };

    public static int? GetIntValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : Kiota(ref reader).GetIntValue();

    public static long? GetLongValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : Kiota(ref reader).GetLongValue();

    public static double? GetDoubleValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : Kiota(ref reader).GetDoubleValue();

    public static decimal? GetDecimalValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : Kiota(ref reader).GetDecimalValue();

    public static DateTimeOffset? GetDateTimeOffsetValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value) ? value
        : reader.TokenType == JsonTokenType.String ? Kiota(ref reader).GetDateTimeOffsetValue()
        : null;

    public static Guid? GetGuidValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var value) ? value
        : reader.TokenType == JsonTokenType.String ? Kiota(ref reader).GetGuidValue()
        : null;

    public static byte? GetByteValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetByteValue();

    public static sbyte? GetSbyteValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetSbyteValue();

    public static float? GetFloatValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetFloatValue();

    public static TimeSpan? GetTimeSpanValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetTimeSpanValue();

    public static Date? GetDateValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetDateValue();

    public static Time? GetTimeValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetTimeValue();

    public static byte[]? GetByteArrayValue(ref Utf8JsonReader reader) => Kiota(ref reader).GetByteArrayValue();

    public static T? GetEnumValue<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(ref Utf8JsonReader reader)
        where T : struct, Enum => reader.TokenType == JsonTokenType.String ? EnumHelpers.GetEnumValue<T>(reader.GetString()!) : Kiota(ref reader).GetEnumValue<T>();

    public static IParseNode? GetChildNode(ref Utf8JsonReader reader, string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return Kiota(ref reader).GetChildNode(identifier);
    }

    public static T GetObjectValue<T>(ref Utf8JsonReader reader, ParsableFactory<T> factory)
        where T : IParsable
    {
        if (typeof(T) == typeof(UntypedNode))
        {
            return (T)(object)AdditionalDataReader.Untyped(ref reader);
        }

        return reader.TokenType == JsonTokenType.StartObject && ModelReaders.TryRead<T>(ref reader, out var item) ? item : Kiota(ref reader).GetObjectValue(factory);
    }

    /// <summary>A list (not a lazy sequence, as Kiota's is): the generated <c>AsList()</c> then keeps it as it is.</summary>
    public static List<T> GetCollectionOfObjectValues<T>(ref Utf8JsonReader reader, ParsableFactory<T> factory)
        where T : IParsable
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return []; // Kiota reads any other value as no items, here and below.
        }

        var items = new Items<T>();
        while (NextItem(ref reader))
        {
            items.Add(GetObjectValue(ref reader, factory));
        }

        return items.ToList();
    }

    /// <summary>The types Kiota's node reads item by item with one of its getters, read with the same getter here; any other through Kiota's node.</summary>
    public static List<T> GetCollectionOfPrimitiveValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(ref Utf8JsonReader reader)
    {
        var type = typeof(T);
        if (type != typeof(string) && type != typeof(int?) && type != typeof(long?) && type != typeof(bool?) && type != typeof(double?)
            && type != typeof(Guid?) && type != typeof(DateTimeOffset?))
        {
            return [.. Kiota(ref reader).GetCollectionOfPrimitiveValues<T>()];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [];
        }

        var items = new Items<T>();
        while (NextItem(ref reader))
        {
            object? value =
                type == typeof(string) ? GetStringValue(ref reader)
                : type == typeof(int?) ? GetIntValue(ref reader)
                : type == typeof(long?) ? GetLongValue(ref reader)
                : type == typeof(bool?) ? GetBoolValue(ref reader)
                : type == typeof(double?) ? GetDoubleValue(ref reader)
                : type == typeof(Guid?) ? GetGuidValue(ref reader)
                : GetDateTimeOffsetValue(ref reader);
            items.Add((T)value!);
            reader.Skip();
        }

        return items.ToList();
    }

    public static List<T?> GetCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(ref Utf8JsonReader reader)
        where T : struct, Enum
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [];
        }

        var items = new Items<T?>();
        while (NextItem(ref reader))
        {
            // Kiota reads each item's text, null included; anything else makes it throw as it does.
            items.Add(reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? EnumHelpers.GetEnumValue<T>(reader.GetString()!) : Kiota(ref reader).GetEnumValue<T>());
        }

        return items.ToList();
    }

    /// <summary>The text of the field-assignment hooks' refusal: Kiota's hooks serve backing stores, which this client does not use.</summary>
    internal static NotSupportedException NoHooks() => new("The TryVox client's JSON reader has no field-assignment hooks.");

    /// <summary>Moves to the array's next item; false at its end.</summary>
    private static bool NextItem(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType != JsonTokenType.EndArray;

    /// <summary>
    /// Kiota's own node, for what is not read here: over a copy of the value, which the reader moves past.
    /// Kiota's untyped values stay lazy, and the body under this node goes back to the pool once the response is read.
    /// </summary>
    private static JsonParseNode Kiota(ref Utf8JsonReader reader) => new(JsonElement.ParseValue(ref reader));

    /// <summary>
    /// The items of an array, gathered in a pooled buffer and copied into a list of exactly their number at the end: a
    /// list grown item by item would keep up to half of its capacity unused.
    /// </summary>
    private struct Items<T>
    {
        private T[]? _buffer;
        private int _count;

        public void Add(T item)
        {
            if (_buffer is null || _count == _buffer.Length)
            {
                var larger = ArrayPool<T>.Shared.Rent(Math.Max(16, _count * 2));
                if (_buffer is not null)
                {
                    _buffer.AsSpan().CopyTo(larger);
                    Return(_buffer);
                }

                _buffer = larger;
            }

            _buffer[_count++] = item;
        }

        public readonly List<T> ToList()
        {
            var list = new List<T>(_count);
            if (_buffer is not null)
            {
                CollectionsMarshal.SetCount(list, _count);
                _buffer.AsSpan(0, _count).CopyTo(CollectionsMarshal.AsSpan(list));
                Return(_buffer);
            }

            return list;
        }

        private static void Return(T[] buffer) => ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }
}
