using System.Text;
using System.Text.Json;
using TryVox.Client.Serialization;

namespace TryVox.Client.Responses;

/// <summary>What stands in for an error body that is not the spec's <c>{"error":{"code","message"}}</c>.</summary>
/// <param name="Code">The body's own <c>error.code</c> when it has one, else <c>HTTP_502</c> style.</param>
/// <param name="Message">What the server answered, in words.</param>
/// <param name="RawBody">The start of the body, for <see cref="Models.TryVoxError.RawBody"/>; null when it was empty.</param>
internal readonly record struct StandInError(string Code, string Message, string? RawBody);

/// <summary>
/// Reads a non-2xx answer's body as the spec's error, so that every error answer surfaces as
/// <see cref="Models.TryVoxError"/>: a body that is not <c>{"error":{"code","message"}}</c> (an HTML page from a proxy,
/// an empty body, other JSON, a redirect that was not followed) gets a stand-in that says what the server answered
/// and keeps the start of the original body.
/// </summary>
internal static class ErrorBody
{
    /// <summary>How much of an error body is read: enough for any TryVox error, never a proxy's whole page.</summary>
    public const int ReadLimit = 64 * 1024;

    /// <summary>How much of a body that is not a TryVox error <see cref="Models.TryVoxError.RawBody"/> keeps.</summary>
    public const int RawBodyLimit = 2048;

    /// <summary>
    /// Null when <paramref name="body"/> is the spec's error (a string <c>error.message</c>), to be read as it is;
    /// otherwise its stand-in. <paramref name="unreadable"/>: the body looked like the spec's error but its reader
    /// failed on it (a lone surrogate escaped in a string, say), so it gets a stand-in too.
    /// </summary>
    public static StandInError? StandIn(int status, string? reason, string? mediaType, ResponseBody body, string? redirect, bool unreadable = false)
    {
        var code = ReadErrorCode(body.Truncated || unreadable ? default : body.Text, mediaType, out var isErrorBody);
        if (isErrorBody)
        {
            return null;
        }

        var message = status is >= 300 and < 400 ? $"The server answered {status} {reason} {redirect}."
            : body.UnreadableEncoding is { } encoding ? $"The server answered {status} {reason} with a body encoded as {encoding}, which the client cannot decompress."
            : body.Length == 0 && body.Truncated ? $"The server answered {status} {reason}; its body could not be read."
            : body.Length == 0 ? $"The server answered {status} {reason} with an empty body."
            : $"The server answered {status} {reason} without a TryVox error body; see RawBody.";
        string? raw = null;
        if (body.Length > 0)
        {
            raw = Encoding.UTF8.GetString(body.Text.Span[..Math.Min(body.Text.Length, RawBodyLimit)]);
            raw = body.Length > RawBodyLimit || body.Truncated ? raw + "…" : raw;
        }

        return new StandInError(code ?? $"HTTP_{status}", message, raw);
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
