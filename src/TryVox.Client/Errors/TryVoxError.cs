using TryVox.Client.Middleware;

// The generated exception of the spec's error schema, extended by hand (the class is partial).
namespace TryVox.Client.Models;

/// <summary>
/// Thrown for every non-2xx response. <see cref="Exception.Message"/> is the server's message,
/// <see cref="Microsoft.Kiota.Abstractions.ApiException.ResponseStatusCode"/> the HTTP status.
/// </summary>
public partial class TryVoxError
{
    /// <summary>
    /// The key of <see cref="Exception.Data"/> that holds the attempt count on a network exception
    /// (<see cref="HttpRequestException"/>) that surfaces from the client.
    /// </summary>
    public const string AttemptsDataKey = "TryVox.Attempts";

    /// <summary>The server's machine-readable error code, such as <c>UNAUTHORIZED</c>; <c>HTTP_502</c> style when the body was not a TryVox error.</summary>
    public string? Code => Error?.Code;

    /// <summary>The start of the response body when it was not a TryVox error (an HTML page from a proxy, say); otherwise <c>null</c>.</summary>
    public string? RawBody => AdditionalData.TryGetValue(ErrorBodyHandler.RawBodyField, out var raw) ? raw as string : null;

    /// <summary>The response's <c>X-Request-ID</c>, to quote to TryVox support; <c>null</c> when absent.</summary>
    public string? RequestId => ResponseHeaders.TryGetValue(OperationContext.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, in seconds or as an HTTP date); <c>null</c> when absent.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>How many times the request was sent: 1, or more when retries preceded this error.</summary>
    public int Attempts { get; internal set; } = 1;
}
