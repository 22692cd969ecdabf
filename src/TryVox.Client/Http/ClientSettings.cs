using System.Net;
using TryVox.Client.Authentication;
using TryVox.Client.Diagnostics;
using TryVox.Client.RequestOptions;
using TryVox.Client.SendOnce;

namespace TryVox.Client.Http;

/// <summary>
/// A client's settings, validated once, and the sender they go with: what a client shares with the tenant-scoped
/// clients made from it (<see cref="TryVoxClient.WithTenant"/>), connection pool and credential included.
/// </summary>
internal sealed class ClientSettings : IDisposable
{
    /// <summary>The environment variable read when no API key is given.</summary>
    public const string ApiKeyEnvironmentVariable = "TRYVOX_API_KEY";

    private readonly HttpMessageInvoker _sender;
    private readonly bool _ownsSender;

    /// <summary>Settings with their own sender, built from <paramref name="options"/>.</summary>
    public ClientSettings(TryVoxClientOptions options)
        : this(options, null)
    {
    }

    /// <summary>
    /// Settings over <paramref name="http"/> (an IHttpClientFactory client whose handlers end with a
    /// <see cref="SendOnceHandler"/>), or over a sender of its own when it is null; with <paramref name="credential"/>
    /// (one that follows configuration) instead of the options' key.
    /// </summary>
    public ClientSettings(TryVoxClientOptions options, HttpClient? http, TryVoxCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Credential is not null && options.ApiKey is not null)
        {
            throw new ArgumentException("Set TryVoxClientOptions.ApiKey or Credential, not both.", nameof(options));
        }

        credential ??= options.Credential ?? new TryVoxCredential(ResolveApiKey(options.ApiKey));
        ClientPlatform.ThrowIfClientSide(options.IsClientSidePlatform);
        if (options.HttpClient is not null && options.PrimaryHandler is not null)
        {
            throw new ArgumentException("Set TryVoxClientOptions.HttpClient or PrimaryHandler, not both.", nameof(options));
        }

        BaseUrl = ApiOrigin.Validate(options.BaseUrl ?? TryVoxClientOptions.DefaultBaseUrl);
        BaseUrlText = BaseUrl.AbsoluteUri.TrimEnd('/');
        Authentication = new TryVoxAuthenticationProvider(credential, BaseUrl);
        DefaultTenant = TenantHeader.Validate(options.TenantId);
        Retry = (options.Retry ?? new RetryPolicy()).Validated();
        Timeout = ValidateTimeout(options.Timeout, nameof(options.Timeout));
        AttemptTimeout = ValidateTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout));
        // The body is read into one array, so no more than an array holds.
        MaxResponseBytes = options.MaxResponseBytes > 0 && options.MaxResponseBytes <= Array.MaxLength ? options.MaxResponseBytes
            : throw new ArgumentException($"TryVoxClientOptions.MaxResponseBytes must be 1 to {Array.MaxLength} bytes; it is {options.MaxResponseBytes}.", nameof(options));
        UserAgent = Http.UserAgent.For(options.ApplicationId);
        OnAttempt = options.OnAttempt;
        Placement = (options.Placement ?? new()).Validated();
        _ownsSender = http is null;
        _sender = http ?? OwnSender(options);
    }

    public Uri BaseUrl { get; }

    /// <summary>The base URL without a trailing slash, as URL templates expect it.</summary>
    public string BaseUrlText { get; }

    public string Host => BaseUrl.Host;

    public TryVoxAuthenticationProvider Authentication { get; }

    public string? DefaultTenant { get; }

    public RetryPolicy Retry { get; }

    public TimeSpan Timeout { get; }

    public TimeSpan AttemptTimeout { get; }

    public int MaxResponseBytes { get; }

    public string UserAgent { get; }

    public Action<TryVoxAttempt>? OnAttempt { get; }

    public Placement.PlacementOptions Placement { get; }

    /// <summary>
    /// The HTTP version of each request: an <see cref="HttpClient"/>'s default (the application's choice), else HTTP/2
    /// or lower, as the server allows (TLS negotiates it; plain http to a local sandbox stays HTTP/1.1).
    /// </summary>
    public Version RequestVersion => (_sender as HttpClient)?.DefaultRequestVersion ?? HttpVersion.Version20;

    public HttpVersionPolicy RequestVersionPolicy => (_sender as HttpClient)?.DefaultVersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower;

    /// <summary>Sends a message and returns once the answer's headers are in; the caller reads the body, within its limits.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        _sender is HttpClient client ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
        : _sender.SendAsync(message, cancellationToken);

    public void Dispose()
    {
        if (_ownsSender)
        {
            _sender.Dispose();
        }
    }

    /// <summary>
    /// The client's own sender: the send-once guard in front of the caller's HttpClient or primary handler (never
    /// disposed by the client), or of a handler of its own that leaves redirects to the client. An invoker, not an
    /// HttpClient: the client applies every time limit itself, and HttpClient would link a token source per request
    /// to its own.
    /// </summary>
    private static HttpMessageInvoker OwnSender(TryVoxClientOptions options)
    {
        HttpMessageHandler sender = options.HttpClient is { } httpClient ? new ForwardingHandler(httpClient)
            : options.PrimaryHandler is { } primary ? new ForwardingHandler(new HttpMessageInvoker(primary, disposeHandler: false))
            : CreatePrimaryHandler();

        return new HttpMessageInvoker(new SendOnceHandler { InnerHandler = sender });
    }

    /// <summary>The handler that sends requests when the caller brings none: redirects are the client's to follow, never the handler's.</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        // A long-lived client still notices DNS changes (IHttpClientFactory recycles its handlers anyway).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static TimeSpan ValidateTimeout(TimeSpan timeout, string name) =>
        timeout > TimeSpan.Zero || timeout == System.Threading.Timeout.InfiniteTimeSpan ? timeout
            : throw new ArgumentException($"TryVoxClientOptions.{name} must be positive or Timeout.InfiniteTimeSpan; it is {timeout}.", name);

    internal static TryVoxApiKey ResolveApiKey(string? apiKey)
    {
        if (apiKey is not null)
        {
            return TryVoxApiKey.Parse(apiKey, "TryVoxClientOptions.ApiKey");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            throw new ArgumentException(
                $"No TryVox API key: set TryVoxClientOptions.ApiKey or the {ApiKeyEnvironmentVariable} environment variable " +
                $"to a key from the TryVox Dashboard ({TryVoxApiKey.LivePrefix}… for production, {TryVoxApiKey.SandboxPrefix}… for the sandbox).",
                nameof(apiKey));
        }

        return TryVoxApiKey.Parse(fromEnvironment, $"the {ApiKeyEnvironmentVariable} environment variable");
    }
}
