using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TryVox.Client.DependencyInjection;

/// <summary>Registers <see cref="TryVoxClient"/> over <c>IHttpClientFactory</c>.</summary>
public static class TryVoxServiceCollectionExtensions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "TryVox";

    /// <summary>The name of the <c>HttpClient</c> the client is built on.</summary>
    public const string HttpClientName = "TryVox";

    /// <summary>
    /// Registers <see cref="TryVoxClient"/> (transient, as typed clients are) with <see cref="TryVoxClientOptions"/>
    /// bound from the <c>TryVox</c> section of the registered <see cref="IConfiguration"/>, then <paramref name="configure"/>. Each attempt is
    /// logged to <c>ILogger</c> category <c>TryVox.Client</c>. The TryVox handlers are the outermost of the
    /// named client's pipeline, created anew with each pipeline; the returned builder adds your own
    /// (<c>AddHttpMessageHandler</c>) behind them, or replaces the primary handler
    /// (<c>ConfigurePrimaryHttpMessageHandler</c>, with automatic redirects off).
    /// </summary>
    /// <example><code>
    /// // appsettings.json: { "TryVox": { "TenantId": "tenant_xyz", "Retry": { "MaxRetries": 2 } } }
    /// services.AddTryVoxClient(o => o.ApplicationId = "my-app/1.2");
    /// </code></example>
    public static IHttpClientBuilder AddTryVoxClient(this IServiceCollection services, Action<TryVoxClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Bound from the section when the application has configuration; an app without it configures in code.
        var options = services.AddOptions<TryVoxClientOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(ConfigurationSection).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<ILoggerFactory>((o, loggers) => o.LogTo(loggers.CreateLogger(TryVoxLogging.Category)));

        return services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // The TryVox handlers apply every time limit; HttpClient's own 100 s would cut across them.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
            {
                foreach (var handler in TryVoxClientFactory.CreateHandlers(Options(provider)))
                {
                    handlers.Add(handler);
                }
            })
            .AddTypedClient((httpClient, provider) => TryVoxClientFactory.CreateClient(httpClient, Options(provider)));
    }

    private static TryVoxClientOptions Options(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<TryVoxClientOptions>>().Value;
        if (options.PrimaryHandler is not null || options.HttpClient is not null)
        {
            // IHttpClientFactory owns and recycles its handlers; one instance from options would be shared and disposed under us.
            throw new InvalidOperationException(
                "With AddTryVoxClient, leave TryVoxClientOptions.PrimaryHandler and HttpClient unset: configure the " +
                "primary handler on the returned IHttpClientBuilder (ConfigurePrimaryHttpMessageHandler) instead.");
        }

        return options;
    }
}
