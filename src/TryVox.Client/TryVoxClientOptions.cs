using System.Diagnostics;

namespace TryVox.Client;

/// <summary>Settings for <see cref="TryVoxClientFactory.Create(TryVoxClientOptions)"/>.</summary>
[DebuggerDisplay("TryVoxClientOptions {BaseUrl}")]
public sealed class TryVoxClientOptions
{
    /// <summary>The production API.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.tryvox.io/v1");

    /// <summary>
    /// The API key (<c>tvx_sk_live_…</c> or <c>tvx_sk_test_…</c>). When null, the
    /// <c>TRYVOX_API_KEY</c> environment variable is used.
    /// </summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API's base URL, <see cref="DefaultBaseUrl"/> by default. Must be https, except to a loopback
    /// address (a local sandbox); the key is sent to this origin only.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Sent as <c>X-Tenant-ID</c> on every request when set; <see cref="Middleware.TenantOption"/> overrides it per request.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The innermost handler, which sends requests (a proxy, a custom certificate check, a test
    /// handler). Its automatic redirects must be off; by default a <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public HttpMessageHandler? PrimaryHandler { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"TryVoxClientOptions {{ BaseUrl = {BaseUrl}, TenantId = {TenantId} }}";
}
