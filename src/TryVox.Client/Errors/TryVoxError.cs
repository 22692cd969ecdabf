using TryVox.Client.Middleware;

// The generated exception of the spec's error schema, extended by hand (the class is partial).
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
    public string? RawBody => AdditionalData.TryGetValue(ErrorBodyHandler.RawBodyField, out var raw) ? raw as string : null;
}
