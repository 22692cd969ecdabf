// CUSTOM: the generated exception of the spec's error schema, extended by hand (the class is partial).
namespace TryVox.Client.Models;

/// <summary>
/// Thrown for every non-2xx response. <see cref="Exception.Message"/> is the server's message,
/// <see cref="Microsoft.Kiota.Abstractions.ApiException.ResponseStatusCode"/> the HTTP status. With
/// <see cref="TryVoxException"/>, it makes the family of TryVox failures, <see cref="ITryVoxFailure"/>.
/// </summary>
public partial class TryVoxError : ITryVoxFailure
{
    /// <summary>The server's machine-readable error code, such as <c>UNAUTHORIZED</c>; <c>HTTP_502</c> style when the body was not a TryVox error.</summary>
    public string? Code => Error?.Code;

    /// <summary>The start of the response body when it was not a TryVox error (an HTML page from a proxy, say); otherwise <c>null</c>.</summary>
    public string? RawBody { get; internal set; }

    /// <inheritdoc />
    public string? RequestId => ResponseHeaders.TryGetValue(WireNames.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, in seconds or as an HTTP date); <c>null</c> when absent.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <inheritdoc />
    public int Attempts { get; internal set; } = 1;

    /// <inheritdoc />
    public string? Operation { get; internal set; }

    /// <inheritdoc />
    public bool OutcomeUnknown { get; internal set; }
}
