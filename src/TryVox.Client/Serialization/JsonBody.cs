using Microsoft.Kiota.Abstractions.Serialization;

namespace TryVox.Client.Serialization;

/// <summary>How request bodies are written and response bodies read as JSON.</summary>
internal static class JsonBody
{
    /// <summary>The writer of request bodies (<see cref="JsonBodyWriter"/>).</summary>
    public static readonly ISerializationWriterFactory WriterFactory = new JsonBodyWriterFactory();

    /// <summary><c>application/json</c> or a <c>+json</c> type, as Kiota's registry reads structured media types.</summary>
    public static bool IsJson(string? mediaType) => mediaType is not null && IsJson(mediaType.AsSpan());

    /// <summary>
    /// Whether the content's <c>Content-Type</c> is JSON. Reads the header as received when it is one value, without
    /// parsing it into a <c>MediaTypeHeaderValue</c> (which allocates the media type, its parameters and their strings).
    /// </summary>
    public static bool IsJson(System.Net.Http.Headers.HttpContentHeaders headers)
    {
        if (headers.NonValidated.TryGetValues("Content-Type", out var values) && values.Count == 1)
        {
            var raw = values.ToString().AsSpan();
            var parameters = raw.IndexOf(';');
            return IsJson((parameters < 0 ? raw : raw[..parameters]).Trim());
        }

        return IsJson(headers.ContentType?.MediaType);
    }

    private static bool IsJson(ReadOnlySpan<char> mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a result from a whole JSON body with <paramref name="read"/>, streaming through the body itself (which may
    /// be a pooled buffer): <paramref name="read"/> copies out everything it keeps. A leading UTF-8 byte-order mark is
    /// skipped, as Kiota's parse node, which reads from a stream, skips it.
    /// </summary>
    /// <exception cref="System.Text.Json.JsonException">The body is not one valid JSON value.</exception>
    public static TResult? Read<TResult>(ReadOnlyMemory<byte> body, Func<FastJsonParseNode, object?, TResult?> read, object? state)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read(new FastJsonParseNode(body.Span.StartsWith(Utf8ByteOrderMark) ? body[Utf8ByteOrderMark.Length..] : body), state);
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];
}
