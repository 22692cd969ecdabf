using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// CUSTOM: writes request bodies for the generated models. Kiota's <see cref="JsonSerializationWriter"/>, byte for
/// byte, but into a pooled buffer: Kiota's own allocates a recyclable stream, with a fresh GUID from the operating
/// system's random source, for every body. Values of the kinds models hold are written directly; anything rarer
/// (enums, untyped nodes, dates, dictionaries and other additional data) is written by a Kiota writer and copied
/// in as it wrote it. Only JSON's own escapes are applied: an E.164 number goes out with its <c>+</c>, as the
/// reference shows it.
/// </summary>
internal sealed class JsonBodyWriter : ISerializationWriter, IDisposable
{
    /// <summary>The Kiota writer settings this writer matches: Kiota's defaults with JSON-only escaping.</summary>
    internal static readonly KiotaJsonSerializationContext KiotaContext =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private readonly PooledBuffer _buffer = new();
    private readonly Utf8JsonWriter _json;

    public JsonBodyWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = KiotaContext.Options.Encoder });

    public Action<IParsable>? OnBeforeObjectSerialization { get; set; }

    public Action<IParsable>? OnAfterObjectSerialization { get; set; }

    public Action<IParsable, ISerializationWriter>? OnStartObjectSerialization { get; set; }

    /// <summary>The body, as a seekable stream that returns the buffer to the pool when disposed (by the request information).</summary>
    public Stream GetSerializedContent()
    {
        _json.Flush();
        return _buffer.Detach();
    }

    public void WriteStringValue(string? key, string? value)
    {
        if (value is not null)
        {
            Key(key);
            _json.WriteStringValue(value);
        }
    }

    public void WriteBoolValue(string? key, bool? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteBooleanValue(v);
        }
    }

    public void WriteByteValue(string? key, byte? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteSbyteValue(string? key, sbyte? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteIntValue(string? key, int? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteLongValue(string? key, long? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteFloatValue(string? key, float? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteDoubleValue(string? key, double? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteDecimalValue(string? key, decimal? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteNumberValue(v);
        }
    }

    public void WriteGuidValue(string? key, Guid? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteStringValue(v);
        }
    }

    public void WriteDateTimeOffsetValue(string? key, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            Key(key);
            _json.WriteStringValue(v);
        }
    }

    public void WriteTimeSpanValue(string? key, TimeSpan? value)
    {
        if (value is { } v)
        {
            WriteStringValue(key, XmlConvert.ToString(v));
        }
    }

    public void WriteDateValue(string? key, Date? value) => WriteStringValue(key, value?.ToString());

    public void WriteTimeValue(string? key, Time? value) => WriteStringValue(key, value?.ToString());

    public void WriteNullValue(string? key)
    {
        Key(key);
        _json.WriteNullValue();
    }

    public void WriteByteArrayValue(string? key, byte[]? value)
    {
        if (value is not null)
        {
            Key(key);
            _json.WriteBase64StringValue(value);
        }
    }

    public void WriteEnumValue<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string? key, T? value)
        where T : struct, Enum
    {
        if (value is not null)
        {
            Key(key);
            ByKiota(kiota => kiota.WriteEnumValue(null, value), brackets: false);
        }
    }

    public void WriteCollectionOfEnumValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string? key, IEnumerable<T?>? values)
        where T : struct, Enum
    {
        if (values is not null)
        {
            Key(key);
            ByKiota(kiota => kiota.WriteCollectionOfEnumValues(null, values), brackets: false);
        }
    }

    public void WriteCollectionOfPrimitiveValues<T>(string? key, IEnumerable<T>? values)
    {
        if (values is not null)
        {
            Key(key);
            _json.WriteStartArray();
            foreach (var value in values)
            {
                WriteAnyValue(null, value);
            }

            _json.WriteEndArray();
        }
    }

    public void WriteCollectionOfObjectValues<T>(string? key, IEnumerable<T>? values)
        where T : IParsable
    {
        if (values is not null)
        {
            Key(key);
            _json.WriteStartArray();
            foreach (var value in values)
            {
                WriteObjectValue(null, value);
            }

            _json.WriteEndArray();
        }
    }

    public void WriteObjectValue<T>(string? key, T? value, params IParsable?[] additionalValuesToMerge)
        where T : IParsable
    {
        var merged = additionalValuesToMerge.Length == 0 ? additionalValuesToMerge : Array.FindAll(additionalValuesToMerge, static x => x is not null);
        if (value is null && merged.Length == 0)
        {
            return;
        }

        if (value is UntypedNode)
        {
            Key(key);
            ByKiota(kiota => kiota.WriteObjectValue(null, value, merged), brackets: false);
            return;
        }

        Key(key);
        if (value is not null)
        {
            OnBeforeObjectSerialization?.Invoke(value);
        }

        // A composed type (oneOf) writes its one member's value itself, not an object around it.
        var scalar = value is IComposedTypeWrapper;
        if (!scalar)
        {
            _json.WriteStartObject();
        }

        if (value is not null)
        {
            OnStartObjectSerialization?.Invoke(value, this);
            value.Serialize(this);
        }

        foreach (var other in merged)
        {
            OnBeforeObjectSerialization?.Invoke(other!);
            OnStartObjectSerialization?.Invoke(other!, this);
            other!.Serialize(this);
            OnAfterObjectSerialization?.Invoke(other);
        }

        if (!scalar)
        {
            _json.WriteEndObject();
        }

        if (value is not null)
        {
            OnAfterObjectSerialization?.Invoke(value);
        }
    }

    public void WriteAdditionalData(IDictionary<string, object> value)
    {
        if (value is not null)
        {
            foreach (var (key, data) in value)
            {
                WriteAnyValue(key, data);
            }
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }

    /// <summary>A value of unknown type, as Kiota's writer writes it.</summary>
    private void WriteAnyValue<T>(string? key, T value)
    {
        switch (value)
        {
            case string text:
                WriteStringValue(key, text);
                break;
            case bool flag:
                WriteBoolValue(key, flag);
                break;
            case int number:
                WriteIntValue(key, number);
                break;
            case long number:
                WriteLongValue(key, number);
                break;
            case double number:
                WriteDoubleValue(key, number);
                break;
            case decimal number:
                WriteDecimalValue(key, number);
                break;
            case Guid guid:
                WriteGuidValue(key, guid);
                break;
            case DateTimeOffset moment:
                WriteDateTimeOffsetValue(key, moment);
                break;
            case IParsable parsable and not UntypedNode:
                WriteObjectValue(key, parsable);
                break;
            case null:
                WriteNullValue(key);
                break;
            default:
                // Kiota writes a collection's items exactly as it writes any additional value: one item, brackets removed.
                Key(key);
                ByKiota(kiota => kiota.WriteCollectionOfPrimitiveValues<object?>(null, [value]), brackets: true);
                break;
        }
    }

    private void Key(string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            _json.WritePropertyName(key);
        }
    }

    /// <summary>Copies in what Kiota's own writer writes for a value this writer does not write itself.</summary>
    private void ByKiota(Action<JsonSerializationWriter> write, bool brackets)
    {
        using var kiota = new JsonSerializationWriter(KiotaContext)
        {
            // The application's hooks hear of the models Kiota's writer writes (an untyped node, say), as with Kiota's writer alone.
            OnBeforeObjectSerialization = OnBeforeObjectSerialization,
            OnAfterObjectSerialization = OnAfterObjectSerialization,
            OnStartObjectSerialization = OnStartObjectSerialization is { } start ? (model, _) => start(model, this) : null,
        };
        write(kiota);
        using var written = (MemoryStream)kiota.GetSerializedContent();
        var json = written.GetBuffer().AsSpan(0, (int)written.Length);
        _json.WriteRawValue(brackets ? json[1..^1] : json, skipInputValidation: true);
    }

    /// <summary>The body's buffer, rented from the pool; handed to the stream it becomes.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(512);
        private int _written;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

        /// <summary>A stream over what was written, which owns the buffer from now on.</summary>
        public PooledStream Detach()
        {
            var stream = new PooledStream(_array!, _written);
            _array = null;
            return stream;
        }

        public void Dispose()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = null;
            }
        }

        private byte[] Ensure(int sizeHint)
        {
            var array = _array ?? throw new ObjectDisposedException(nameof(JsonBodyWriter));
            if (array.Length - _written < Math.Max(sizeHint, 1))
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, _written + sizeHint));
                array.AsSpan(0, _written).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(array);
                _array = array = larger;
            }

            return array;
        }
    }

    private sealed class PooledStream(byte[] array, int length) : MemoryStream(array, 0, length, writable: false, publiclyVisible: true)
    {
        private byte[]? _array = array;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                ArrayPool<byte>.Shared.Return(returned);
            }
        }
    }
}

/// <summary>Gives every <c>application/json</c> body a <see cref="JsonBodyWriter"/>.</summary>
internal sealed class JsonBodyWriterFactory : ISerializationWriterFactory
{
    public string ValidContentType => "application/json";

    public ISerializationWriter GetSerializationWriter(string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return ValidContentType.Equals(contentType, StringComparison.OrdinalIgnoreCase) ? new JsonBodyWriter()
            : throw new ArgumentOutOfRangeException(nameof(contentType), $"expected a {ValidContentType} content type");
    }
}
