// CUSTOM: the generated exception of the spec's error schema, extended by hand (the class is partial).
namespace TryVox.Client.Models;

/// <summary>
/// Thrown for every non-2xx response. <see cref="Exception.Message"/> is the server's message,
/// <see cref="Microsoft.Kiota.Abstractions.ApiException.ResponseStatusCode"/> the HTTP status.
/// </summary>
public partial class TryVoxError
{
    /// <summary>The server's machine-readable error code, such as <c>UNAUTHORIZED</c>; <c>HTTP_502</c> style when the body was not a TryVox error.</summary>
    public string? Code => Error?.Code;

    /// <summary>The start of the response body when it was not a TryVox error (an HTML page from a proxy, say); otherwise <c>null</c>.</summary>
    public string? RawBody => AdditionalData.TryGetValue(WireNames.RawBodyField, out var raw) ? raw as string : null;

    /// <summary>The response's <c>X-Request-ID</c>, to quote to TryVox support; <c>null</c> when absent.</summary>
    public string? RequestId => ResponseHeaders.TryGetValue(WireNames.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, in seconds or as an HTTP date); <c>null</c> when absent.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>How many times the request was sent: 1, or more when retries preceded this error.</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>The operation, such as <c>POST /voice/accounts/{auth_id}/calls</c> (no ids).</summary>
    public string? Operation { get; internal set; }

    /// <summary>
    /// True when the request reached the server and the failure does not tell whether the server acted on it: a
    /// create-call answered 5xx, timed out or cut off after it was sent may have placed its call. Look the call up
    /// (<c>FindAsync</c>) before placing it again. False when the server cannot have acted (429 and other 4xx
    /// answers, a refused connection) and for requests that change nothing (GET).
    /// </summary>
    public bool OutcomeUnknown { get; internal set; }
}
