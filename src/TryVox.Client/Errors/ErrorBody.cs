using System.Buffers;
using System.Text;
using System.Text.Json;
using TryVox.Client.Serialization;

namespace TryVox.Client;

/// <summary>
/// CUSTOM: changes what generated methods throw. Makes every non-2xx answer parse as the spec's error body, so that it always surfaces as
/// <see cref="Models.TryVoxError"/>: a body that is not <c>{"error":{"code","message"}}</c> (an HTML page from a
/// proxy, an empty body, other JSON, a redirect that was not followed) is replaced by one that says what the
/// server answered and keeps the start of the original body in <c>raw_body</c>.
/// </summary>
internal static class ErrorBody
{
    /// <summary>How much of an error body is read: enough for any TryVox error, never a proxy's whole page.</summary>
    public const int ReadLimit = 64 * 1024;

    /// <summary>How much of a body that is not a TryVox error <see cref="Models.TryVoxError.RawBody"/> keeps.</summary>
    public const int RawBodyLimit = 2048;

    /// <summary>The body itself when it is the spec's error (a string <c>error.message</c>), otherwise a synthesized one.</summary>
    /// <remarks>
    /// <paramref name="unreadable"/>: the body looked like the spec's error but its reader failed on it (a lone surrogate
    /// escaped in a string, say); it is then treated like any other body that is not a TryVox error.
    /// </remarks>
    public static ReadOnlyMemory<byte> Normalize(int status, string? reason, string? mediaType, ReadOnlyMemory<byte> body, bool truncated, int redirects, bool unreadable = false)
    {
        var code = ReadErrorCode(truncated || unreadable ? default : body, mediaType, out var isErrorBody);
        if (isErrorBody)
        {
            return body;
        }

        var message = status is >= 300 and < 400
            ? $"The server answered {status} {reason} after {redirects} redirect(s); the client follows at most {TryVoxRequestAdapter.MaxRedirects}."
            : body.IsEmpty && truncated ? $"The server answered {status} {reason}; its body could not be read."
            : body.IsEmpty ? $"The server answered {status} {reason} with an empty body."
            : $"The server answered {status} {reason} without a TryVox error body; see RawBody.";
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code ?? $"HTTP_{status}");
            json.WriteString("message", message);
            json.WriteEndObject();
            if (!body.IsEmpty)
            {
                var text = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, RawBodyLimit)]);
                json.WriteString(WireNames.RawBodyField, body.Length > RawBodyLimit || truncated ? text + "…" : text);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Reads <c>error.code</c> if present; <paramref name="isErrorBody"/> tells whether the body is the spec's error.</summary>
    private static string? ReadErrorCode(ReadOnlyMemory<byte> body, string? mediaType, out bool isErrorBody)
    {
        isErrorBody = false;
        if (body.IsEmpty || !JsonBody.IsJson(mediaType))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            isErrorBody = error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;
            return error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or strings that cannot be read (invalid UTF-8, an escaped lone surrogate).
            isErrorBody = false;
            return null;
        }
    }
}
