using Microsoft.Kiota.Http.HttpClientLibrary;
using TryVox.Client.Authentication;
using TryVox.Client.Middleware;

namespace TryVox.Client;

/// <summary>Builds a <see cref="TryVoxClient"/> with TryVox authentication, tenant, retries, timeouts and error handling.</summary>
public static class TryVoxClientFactory
{
    /// <summary>The environment variable read when no API key is given.</summary>
    public const string ApiKeyEnvironmentVariable = "TRYVOX_API_KEY";

    /// <summary>Creates a client for the production API with <paramref name="apiKey"/> (or <c>TRYVOX_API_KEY</c> when null).</summary>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public static TryVoxClient Create(string? apiKey) => Create(new TryVoxClientOptions { ApiKey = apiKey });

    /// <summary>
    /// Creates a client; every setting is validated here, before any request is sent. Each client has its
    /// own handlers and connection pool: create one and reuse it.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
    public static TryVoxClient Create(TryVoxClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var apiKey = ResolveApiKey(options.ApiKey);
        if (options.HttpClient is not null && options.PrimaryHandler is not null)
        {
            throw new ArgumentException("Set TryVoxClientOptions.HttpClient or PrimaryHandler, not both.", nameof(options));
        }

        HttpMessageHandler primary = options.HttpClient is { } httpClient ? new HttpClientForwardingHandler(httpClient)
            : options.PrimaryHandler ?? new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                // A long-lived client still notices DNS changes.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
        var pipeline = KiotaClientFactory.ChainHandlersCollectionAndGetFirstLink(primary, [.. CreateHandlers(options)])!;

        // The handlers and the adapter apply every time limit; HttpClient's own 100 s would cut across them.
        return Build(new HttpClient(pipeline) { Timeout = Timeout.InfiniteTimeSpan }, options, apiKey);
    }

    /// <summary>
    /// New instances of the TryVox handlers, outermost first; never shared between clients. The retry handler
    /// is outermost so one attempt covers redirects; the header handler sits inside the redirect handler so it
    /// sees every hop; the error-body handler is innermost so every retry decision sees the original status.
    /// </summary>
    internal static DelegatingHandler[] CreateHandlers(TryVoxClientOptions options)
    {
        var baseUrl = ApiOrigin.Validate(options.BaseUrl ?? TryVoxClientOptions.DefaultBaseUrl);
        return
        [
            new RetryHandler((options.Retry ?? new RetryPolicy()).Validated(), ValidateTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout)), options.OnAttempt),
            new Microsoft.Kiota.Http.HttpClientLibrary.Middleware.RedirectHandler(),
            new TryVoxHeadersHandler(baseUrl, TenantHeader.Validate(options.TenantId), UserAgent.For(options.ApplicationId)),
            new ErrorBodyHandler(),
        ];
    }

    /// <summary>A client over <paramref name="httpClient"/>, whose pipeline already holds <see cref="CreateHandlers"/> (an IHttpClientFactory client).</summary>
    internal static TryVoxClient CreateClient(HttpClient httpClient, TryVoxClientOptions options) =>
        Build(httpClient, options, ResolveApiKey(options.ApiKey));

    private static TryVoxClient Build(HttpClient httpClient, TryVoxClientOptions options, TryVoxApiKey apiKey)
    {
        var baseUrl = ApiOrigin.Validate(options.BaseUrl ?? TryVoxClientOptions.DefaultBaseUrl);
        var adapter = new HttpClientRequestAdapter(new ApiKeyAuthenticationProvider(apiKey, baseUrl), httpClient: httpClient)
        {
            BaseUrl = baseUrl.AbsoluteUri.TrimEnd('/'),
        };
        return new TryVoxClient(new TryVoxRequestAdapter(adapter, ValidateTimeout(options.Timeout, nameof(options.Timeout))));
    }

    private static TimeSpan ValidateTimeout(TimeSpan timeout, string name) =>
        timeout > TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan ? timeout
            : throw new ArgumentException($"TryVoxClientOptions.{name} must be positive or Timeout.InfiniteTimeSpan; it is {timeout}.", name);

    private static TryVoxApiKey ResolveApiKey(string? apiKey)
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
