using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// CUSTOM: changes how generated models are read. Kiota's <see cref="IParseNode"/> as a struct over a <see cref="JsonElement"/>: the generated model readers
/// (<c>ModelReaders</c>, written by TryVox.Client.Generators) run each model's own deserializer statements against
/// it without allocating a node per property. Every value is read exactly as Kiota's <see cref="JsonParseNode"/>
/// reads it: the common shapes directly, everything else by handing the element to Kiota's node.
/// </summary>
internal readonly struct FastJsonParseNode(JsonElement element) : IParseNode
{
    private readonly JsonElement _element = element;

    public string? GetStringValue() => _element.ValueKind == JsonValueKind.String ? _element.GetString() : null;

    public bool? GetBoolValue() => _element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public int? GetIntValue() => _element.ValueKind == JsonValueKind.Number && _element.TryGetInt32(out var value) ? value : Kiota().GetIntValue();

    public long? GetLongValue() => _element.ValueKind == JsonValueKind.Number && _element.TryGetInt64(out var value) ? value : Kiota().GetLongValue();

    public DateTimeOffset? GetDateTimeOffsetValue() =>
        _element.ValueKind != JsonValueKind.String ? null
        : _element.TryGetDateTimeOffset(out var value) ? value
        : Kiota().GetDateTimeOffsetValue();

    public Guid? GetGuidValue() =>
        _element.ValueKind != JsonValueKind.String ? null
        : _element.TryGetGuid(out var value) ? value
        : Kiota().GetGuidValue();

    public byte? GetByteValue() => Kiota().GetByteValue();

    public sbyte? GetSbyteValue() => Kiota().GetSbyteValue();

    public float? GetFloatValue() => Kiota().GetFloatValue();

    public double? GetDoubleValue() => Kiota().GetDoubleValue();

    public decimal? GetDecimalValue() => Kiota().GetDecimalValue();

    public TimeSpan? GetTimeSpanValue() => Kiota().GetTimeSpanValue();

    public Date? GetDateValue() => Kiota().GetDateValue();

    public Time? GetTimeValue() => Kiota().GetTimeValue();

    public byte[]? GetByteArrayValue() => Kiota().GetByteArrayValue();

    public T? GetEnumValue<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
        where T : struct, Enum => Kiota().GetEnumValue<T>();

    public IParseNode? GetChildNode(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(identifier, out var child) ? new FastJsonParseNode(child) : null;
    }

    public T GetObjectValue<T>(ParsableFactory<T> factory)
        where T : IParsable
    {
        if (_element.ValueKind == JsonValueKind.Object)
        {
            if (ModelReaders.TryRead<T>(_element, out var item))
            {
                return item;
            }

            // T is an interface or base type (an error mapping's IParsable): the factory names the model.
            var made = factory(this);
            if (ModelReaders.TryFill(made, _element))
            {
                return made;
            }
        }

        return Kiota().GetObjectValue(factory);
    }

    /// <summary>A list (not a lazy sequence, as Kiota's is): the generated <c>AsList()</c> then keeps it as it is.</summary>
    public List<T> GetCollectionOfObjectValues<T>(ParsableFactory<T> factory)
        where T : IParsable
    {
        if (_element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = new List<T>(_element.GetArrayLength());
        foreach (var value in _element.EnumerateArray())
        {
            items.Add(new FastJsonParseNode(value).GetObjectValue(factory));
        }

        return items;
    }

    public List<T> GetCollectionOfPrimitiveValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
    {
        if (typeof(T) != typeof(string))
        {
            return [.. Kiota().GetCollectionOfPrimitiveValues<T>()];
        }

        var items = new List<T>(_element.ValueKind == JsonValueKind.Array ? _element.GetArrayLength() : 0);
        if (_element.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in _element.EnumerateArray())
            {
                items.Add((T)(object)new FastJsonParseNode(value).GetStringValue()!);
            }
        }

        return items;
    }

    public List<T?> GetCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
        where T : struct, Enum => [.. Kiota().GetCollectionOfEnumValues<T>()];

    IEnumerable<T> IParseNode.GetCollectionOfObjectValues<T>(ParsableFactory<T> factory) => GetCollectionOfObjectValues(factory);

    IEnumerable<T> IParseNode.GetCollectionOfPrimitiveValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        GetCollectionOfPrimitiveValues<T>();

    IEnumerable<T?> IParseNode.GetCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        GetCollectionOfEnumValues<T>();

    /// <summary>Kiota's hooks for backing stores, which this client does not use.</summary>
    public Action<IParsable>? OnBeforeAssignFieldValues
    {
        get => null;
        set => throw new NotSupportedException("The TryVox client's JSON reader has no field-assignment hooks.");
    }

    /// <inheritdoc cref="OnBeforeAssignFieldValues"/>
    public Action<IParsable>? OnAfterAssignFieldValues
    {
        get => null;
        set => throw new NotSupportedException("The TryVox client's JSON reader has no field-assignment hooks.");
    }

    /// <summary>
    /// Kiota's own node, for what this one does not read itself. Over a copy of the element: Kiota's untyped values
    /// stay lazy, and the document under this node is returned to the pool once the response is read.
    /// </summary>
    private JsonParseNode Kiota() => new(_element.Clone());
}
