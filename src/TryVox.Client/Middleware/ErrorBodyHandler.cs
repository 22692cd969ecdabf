using System.Net;
using System.Text;
using System.Text.Json;

namespace TryVox.Client.Middleware;

/// <summary>
/// Makes every non-2xx response carry the spec's error body, so Kiota always throws
/// <see cref="Models.TryVoxError"/>: a body that is not <c>{"error":{"code","message"}}</c> (an HTML
/// page from a proxy, an empty body, other JSON) is replaced by one that says what the server
/// answered and keeps the start of the original body in <c>raw_body</c>.
/// </summary>
internal sealed class ErrorBodyHandler : DelegatingHandler
{
    internal const string RawBodyField = "raw_body";
    internal const int RawBodyLimit = 2048;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var code = ReadErrorCode(body, response.Content.Headers.ContentType?.MediaType, out var isErrorBody);
        if (isErrorBody)
        {
            return response;
        }

        var replacement = new ByteArrayContent(Synthesize(response.StatusCode, response.ReasonPhrase, code, body));
        replacement.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        response.Content.Dispose();
        response.Content = replacement;
        return response;
    }

    /// <summary>Reads <c>error.code</c> if present; <paramref name="isErrorBody"/> tells whether the body is the spec's error (a string <c>error.message</c>).</summary>
    private static string? ReadErrorCode(byte[] body, string? mediaType, out bool isErrorBody)
    {
        isErrorBody = false;
        if (body.Length == 0 || mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
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
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Synthesize(HttpStatusCode status, string? reason, string? code, byte[] body)
    {
        var status3 = (int)status;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code ?? $"HTTP_{status3}");
            json.WriteString("message", body.Length == 0
                ? $"The server answered {status3} {reason} with an empty body."
                : $"The server answered {status3} {reason} without a TryVox error body; see RawBody.");
            json.WriteEndObject();
            if (body.Length > 0)
            {
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, RawBodyLimit));
                json.WriteString(RawBodyField, body.Length > RawBodyLimit ? text + "…" : text);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
