using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>How request bodies are written and response bodies read as JSON.</summary>
internal static class JsonBody
{
    /// <summary>
    /// Kiota's JSON writer, escaping only what JSON requires: the default encoder writes <c>+</c> as
    /// <c>\u002B</c>, so an E.164 number would not go out as the reference shows it. Its buffers are pooled.
    /// </summary>
    public static readonly ISerializationWriterFactory WriterFactory = new JsonSerializationWriterFactory(
        new KiotaJsonSerializationContext(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

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
    /// Reads a result from a whole JSON body with <paramref name="read"/>. The document's buffers are pooled and
    /// returned before this returns: <paramref name="read"/> copies out everything it keeps.
    /// </summary>
    /// <exception cref="JsonException">The body is not one valid JSON value.</exception>
    public static TResult? Read<TResult>(ReadOnlyMemory<byte> body, Func<FastJsonParseNode, object?, TResult?> read, object? state)
    {
        using var document = JsonDocument.Parse(body);
        return read(new FastJsonParseNode(document.RootElement), state);
    }
}
