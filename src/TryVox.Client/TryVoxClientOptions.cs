using System.Diagnostics;
using TryVox.Client.Authentication;

namespace TryVox.Client;

/// <summary>Settings for <see cref="TryVoxClient"/>; they are validated when the client is built.</summary>
[DebuggerDisplay("TryVoxClientOptions {BaseUrl}")]
public sealed class TryVoxClientOptions
{
    /// <summary>The production API.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.tryvox.io/v1");

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 16 MiB, far above any answer the API documents.</summary>
    public const int DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The API key (<c>tvx_sk_live_…</c> or <c>tvx_sk_test_…</c>). When null, and no <see cref="Credential"/> is
    /// set, the <c>TRYVOX_API_KEY</c> environment variable is used.
    /// </summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? ApiKey { get; set; }

    /// <summary>
    /// A key that can be replaced while the client runs (<see cref="TryVoxCredential.Update"/>), for key rotation
    /// without a restart; instead of <see cref="ApiKey"/>. The dependency-injection package sets one that follows
    /// the <c>TryVox:ApiKey</c> configuration value.
    /// </summary>
    public TryVoxCredential? Credential { get; set; }

    /// <summary>
    /// The API's base URL, <see cref="DefaultBaseUrl"/> by default. Must be https, except to a loopback
    /// address (a local sandbox); the key is sent to this origin only.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// Sent as <c>X-Tenant-ID</c> on every request when set; <see cref="TryVoxClient.WithTenant"/> gives a client
    /// for another tenant and <see cref="RequestOptions.TenantOption"/> overrides it for one request.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The innermost handler, which sends requests (a proxy, a custom certificate check, a test
    /// handler). Its automatic redirects must be off; by default a <see cref="SocketsHttpHandler"/>.
    /// The client never disposes it.
    /// </summary>
    public HttpMessageHandler? PrimaryHandler { get; set; }

    /// <summary>
    /// Your own <see cref="System.Net.Http.HttpClient"/> to send each attempt with, instead of <see cref="PrimaryHandler"/>:
    /// its handlers, proxy and default headers apply, and its <see cref="HttpClient.Timeout"/> limits each attempt.
    /// Its handler must not follow redirects (the client follows them itself, dropping credentials off the API).
    /// The client never disposes it. Handlers inside it that re-send requests are not stopped from re-sending a
    /// create-call: prefer <see cref="PrimaryHandler"/>, or the dependency-injection package.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>When and how often requests the server did not act on are re-sent; <see cref="RequestOptions.RetryOption"/> overrides it per request.</summary>
    public RetryPolicy Retry { get; set; } = new();

    /// <summary>
    /// The limit for a whole operation: every attempt, the waits between them and reading the result.
    /// 100 s by default; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none. Exceeding it throws
    /// <see cref="TryVoxTimeoutException"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The limit for one attempt, response body included: 30 s by default. A GET that exceeds it is retried;
    /// a POST is not (the server may have acted on it) and throws <see cref="TryVoxTimeoutException"/>.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest success body the client reads, <see cref="DefaultMaxResponseBytes"/> (16 MiB) by default: a
    /// larger one (by <c>Content-Length</c>, or counted as it arrives) is not read further and fails with
    /// <see cref="TryVoxInvalidResponseException"/>. Error bodies are read up to 64 KiB whatever this says.
    /// </summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// Your application's name and version, appended to the <c>User-Agent</c>
    /// (<c>tryvox-dotnet/0.1.0 (.NET 10.0.0) my-app/1.2</c>): up to 64 characters, no spaces.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// With the dependency-injection package and a host: when the key's environment does not match the host's
    /// (a live key in Development, a sandbox key in Production), fail at startup instead of logging a warning.
    /// </summary>
    public bool TreatEnvironmentMismatchAsError { get; set; }

    /// <summary>
    /// Called when each attempt ends, with its method, path template, status, attempt number, duration and
    /// any retry wait; never with headers, bodies or the key. Use it for logging (the
    /// TryVox.Client.DependencyInjection package routes it to <c>ILogger</c>). It runs on the request's path: keep it quick.
    /// Metrics and traces are published as <see cref="Diagnostics.TryVoxTelemetry"/>.
    /// </summary>
    public Action<Diagnostics.TryVoxAttempt>? OnAttempt { get; set; }

    /// <summary>
    /// How create-calls with a <see cref="Placement.PlacementKey"/> are placed at most once per key: the ledger that holds
    /// the keys (this process's, by default), how long a repeat waits for a placement in flight, and how far the calls
    /// listing is trusted. See docs/placement-keys.md.
    /// </summary>
    public Placement.PlacementOptions Placement { get; set; } = new();

    /// <summary>Whether the code runs client-side (a browser, a phone); replaced by tests.</summary>
    internal Func<bool> IsClientSidePlatform { get; set; } = ClientPlatform.IsClientSide;

    /// <inheritdoc />
    public override string ToString() => $"TryVoxClientOptions {{ BaseUrl = {BaseUrl}, TenantId = {TenantId} }}";
}
