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
    /// The TryVox handlers (retries, headers, errors) run in front of it.
    /// </summary>
    public HttpMessageHandler? PrimaryHandler { get; set; }

    /// <summary>
    /// Your own <see cref="System.Net.Http.HttpClient"/> to send each attempt with, instead of <see cref="PrimaryHandler"/>.
    /// The TryVox handlers still run in front of it; then its own handlers, proxy and default headers apply,
    /// and its <see cref="HttpClient.Timeout"/> limits each attempt. Its handler must not follow redirects
    /// (the client follows them itself, dropping credentials off the API). It is never disposed by the client.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>When and how often requests the server did not act on are re-sent; <see cref="Middleware.RetryOption"/> overrides it per request.</summary>
    public RetryPolicy Retry { get; set; } = new();

    /// <summary>
    /// The limit for a whole operation: every attempt, the waits between them and reading the result.
    /// 100 s by default; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none. Exceeding it throws
    /// <see cref="Models.TryVoxTimeoutException"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The limit for one attempt, response body included: 30 s by default. A GET that exceeds it is retried;
    /// a POST is not (the server may have acted on it) and throws <see cref="Models.TryVoxTimeoutException"/>.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Your application's name and version, appended to the <c>User-Agent</c>
    /// (<c>tryvox-dotnet/0.1.0 (.NET 10.0.0) my-app/1.2</c>): up to 64 characters, no spaces.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Called when each attempt ends, with its method, path template, status, attempt number, duration and
    /// any retry wait; never with headers, bodies or the key. Use it for logging or metrics (the
    /// TryVox.Client.DependencyInjection package routes it to <c>ILogger</c>). It runs on the request's path: keep it quick.
    /// </summary>
    public Action<Diagnostics.TryVoxAttempt>? OnAttempt { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"TryVoxClientOptions {{ BaseUrl = {BaseUrl}, TenantId = {TenantId} }}";
}
