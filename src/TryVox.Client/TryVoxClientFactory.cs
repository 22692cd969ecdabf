using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using TryVox.Client.Authentication;
using TryVox.Client.Middleware;

namespace TryVox.Client;

/// <summary>Builds a <see cref="TryVoxClient"/> with TryVox authentication, tenant and error handling.</summary>
public static class TryVoxClientFactory
{
    /// <summary>The environment variable read when no API key is given.</summary>
    public const string ApiKeyEnvironmentVariable = "TRYVOX_API_KEY";

    /// <summary>Creates a client for the production API with <paramref name="apiKey"/> (or <c>TRYVOX_API_KEY</c> when null).</summary>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public static TryVoxClient Create(string? apiKey) => Create(new TryVoxClientOptions { ApiKey = apiKey });

    /// <summary>Creates a client; every setting is validated here, before any request is sent.</summary>
    /// <exception cref="ArgumentException">The key, base URL or tenant id is missing or malformed.</exception>
    public static TryVoxClient Create(TryVoxClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var apiKey = ResolveApiKey(options.ApiKey);
        var baseUrl = ApiOrigin.Validate(options.BaseUrl ?? TryVoxClientOptions.DefaultBaseUrl);
        var tenantId = TenantHeader.Validate(options.TenantId);

        var pipeline = KiotaClientFactory.ChainHandlersCollectionAndGetFirstLink(
            options.PrimaryHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false },
            new RedirectHandler(),
            new TryVoxHeadersHandler(baseUrl, tenantId),
            new ErrorBodyHandler())!;

        var adapter = new HttpClientRequestAdapter(
            new ApiKeyAuthenticationProvider(apiKey, baseUrl),
            httpClient: new HttpClient(pipeline))
        {
            BaseUrl = baseUrl.AbsoluteUri.TrimEnd('/'),
        };
        return new TryVoxClient(adapter);
    }

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
