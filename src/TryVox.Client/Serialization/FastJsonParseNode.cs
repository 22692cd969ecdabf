using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// CUSTOM: changes how generated models are read. Kiota's <see cref="IParseNode"/> over the UTF-8 text of one whole
/// JSON value (a response body): each getter streams through it with <see cref="JsonValueReader"/>'s, which reads every
/// value as Kiota's <see cref="JsonParseNode"/> does, and the generated model readers fill the models on the way. Like
/// <c>JsonDocument.Parse</c>, a getter throws a <see cref="JsonException"/> when the text is not one valid JSON value.
/// </summary>
internal readonly struct FastJsonParseNode(ReadOnlyMemory<byte> json) : IParseNode
{
    private readonly ReadOnlyMemory<byte> _json = json;

    public string? GetStringValue() => Read(JsonValueReader.GetStringValue);

    public bool? GetBoolValue() => Read(JsonValueReader.GetBoolValue);

    public int? GetIntValue() => Read(JsonValueReader.GetIntValue);

    public long? GetLongValue() => Read(JsonValueReader.GetLongValue);

    public DateTimeOffset? GetDateTimeOffsetValue() => Read(JsonValueReader.GetDateTimeOffsetValue);

    public Guid? GetGuidValue() => Read(JsonValueReader.GetGuidValue);

    public byte? GetByteValue() => Read(JsonValueReader.GetByteValue);

    public sbyte? GetSbyteValue() => Read(JsonValueReader.GetSbyteValue);

    public float? GetFloatValue() => Read(JsonValueReader.GetFloatValue);

    public double? GetDoubleValue() => Read(JsonValueReader.GetDoubleValue);

    public decimal? GetDecimalValue() => Read(JsonValueReader.GetDecimalValue);

    public TimeSpan? GetTimeSpanValue() => Read(JsonValueReader.GetTimeSpanValue);

    public Date? GetDateValue() => Read(JsonValueReader.GetDateValue);

    public Time? GetTimeValue() => Read(JsonValueReader.GetTimeValue);

    public byte[]? GetByteArrayValue() => Read(JsonValueReader.GetByteArrayValue);

    public T? GetEnumValue<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
        where T : struct, Enum => Read(JsonValueReader.GetEnumValue<T>);

    /// <summary>The node over the value of the object's last property of that name (as <c>JsonElement.TryGetProperty</c> finds it).</summary>
    public IParseNode? GetChildNode(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var reader = Start();
        IParseNode? child = null;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(identifier);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (found)
                {
                    child = new FastJsonParseNode(_json[start..(int)reader.BytesConsumed]);
                }
            }
        }

        End(ref reader);
        return child;
    }

    public T GetObjectValue<T>(ParsableFactory<T> factory)
        where T : IParsable
    {
        var reader = Start();
        var item = reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader, factory) : JsonValueReader.GetObjectValue(ref reader, factory);
        End(ref reader);
        return item;
    }

    public List<T> GetCollectionOfObjectValues<T>(ParsableFactory<T> factory)
        where T : IParsable => Read(factory, JsonValueReader.GetCollectionOfObjectValues);

    public List<T> GetCollectionOfPrimitiveValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        Read(JsonValueReader.GetCollectionOfPrimitiveValues<T>);

    public List<T?> GetCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
        where T : struct, Enum => Read(JsonValueReader.GetCollectionOfEnumValues<T>);

    IEnumerable<T> IParseNode.GetCollectionOfObjectValues<T>(ParsableFactory<T> factory) => GetCollectionOfObjectValues(factory);

    IEnumerable<T> IParseNode.GetCollectionOfPrimitiveValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        GetCollectionOfPrimitiveValues<T>();

    IEnumerable<T?> IParseNode.GetCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        GetCollectionOfEnumValues<T>();

    /// <summary>Kiota's hooks for backing stores, which this client does not use.</summary>
    public Action<IParsable>? OnBeforeAssignFieldValues
    {
        get => null;
        set => throw JsonValueReader.NoHooks();
    }

    /// <inheritdoc cref="OnBeforeAssignFieldValues"/>
    public Action<IParsable>? OnAfterAssignFieldValues
    {
        get => null;
        set => throw JsonValueReader.NoHooks();
    }

    private T ReadObject<T>(ref Utf8JsonReader reader, ParsableFactory<T> factory)
        where T : IParsable
    {
        if (ModelReaders.TryRead<T>(ref reader, out var item))
        {
            return item;
        }

        // T has no reader: an interface or base type (an error mapping's IParsable), whose factory names the model.
        var made = factory(this);
        return ModelReaders.TryFill(made, ref reader) ? made : JsonValueReader.GetObjectValue(ref reader, factory);
    }

    /// <summary>One of <see cref="JsonValueReader"/>'s getters.</summary>
    private delegate T ValueReader<T>(ref Utf8JsonReader reader);

    /// <summary>One of <see cref="JsonValueReader"/>'s getters that takes an argument.</summary>
    private delegate T ValueReader<T, TState>(ref Utf8JsonReader reader, TState state);

    private T Read<T>(ValueReader<T> read)
    {
        var reader = Start();
        var value = read(ref reader);
        End(ref reader);
        return value;
    }

    private T Read<T, TState>(TState state, ValueReader<T, TState> read)
    {
        var reader = Start();
        var value = read(ref reader, state);
        End(ref reader);
        return value;
    }

    /// <summary>A reader on the value's first token.</summary>
    private Utf8JsonReader Start()
    {
        var reader = new Utf8JsonReader(_json.Span);
        reader.Read();
        return reader;
    }

    /// <summary>Reads past what the getter left of the value, then to the end: anything but white space after it throws.</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        reader.Skip();
        _ = reader.Read();
    }
}
