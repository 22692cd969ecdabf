using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TryVox.Client.Authentication;
using TryVox.Client.Http;
using TryVox.Client.SendOnce;

namespace TryVox.Client.DependencyInjection;

/// <summary>Registers <see cref="TryVoxClient"/> over <c>IHttpClientFactory</c>.</summary>
// Both overloads take an optional configure callback, as AddHttpClient's do; a required name tells them apart.
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a required name.")]
public static class TryVoxServiceCollectionExtensions
{
    /// <summary>The configuration section the options are bound from; a named client binds from <c>TryVox:&lt;name&gt;</c>.</summary>
    public const string ConfigurationSection = "TryVox";

    /// <summary>The name of the <c>HttpClient</c> the unnamed client is built on; a named client's is <c>TryVox:&lt;name&gt;</c>.</summary>
    public const string HttpClientName = "TryVox";

    /// <summary>
    /// Registers <see cref="TryVoxClient"/> (transient, as typed clients are) with <see cref="TryVoxClientOptions"/>
    /// bound from the <c>TryVox</c> section of the registered <see cref="IConfiguration"/>, then <paramref name="configure"/>.
    /// A change of <c>TryVox:ApiKey</c> is picked up without rebuilding anything (a malformed new key is refused and
    /// logged, and the last good key kept). Each attempt is logged to <c>ILogger</c> category <c>TryVox.Client</c>. With a
    /// host, a key whose environment does not match the host's is reported at startup. Handlers added on the returned
    /// builder (<c>AddHttpMessageHandler</c>, resilience handlers) run between the client and the network, where none of
    /// them can send a create-call twice; replace the primary handler with <c>ConfigurePrimaryHttpMessageHandler</c>,
    /// keeping automatic redirects off.
    /// </summary>
    /// <example><code>
    /// // appsettings.json: { "TryVox": { "TenantId": "tenant_xyz", "Retry": { "MaxRetries": 2 } } }
    /// services.AddTryVoxClient(o => o.ApplicationId = "my-app/1.2");
    /// </code></example>
    public static IHttpClientBuilder AddTryVoxClient(this IServiceCollection services, Action<TryVoxClientOptions>? configure = null)
    {
        var builder = Register(services, Options.DefaultName, ConfigurationSection, HttpClientName, configure);
        return builder.AddTypedClient((httpClient, provider) => Client(provider, Options.DefaultName, httpClient));
    }

    /// <summary>
    /// Registers a named <see cref="TryVoxClient"/> as a keyed service (<c>[FromKeyedServices("billing")]</c>), with its own
    /// key, tenant and base URL: <see cref="TryVoxClientOptions"/> named <paramref name="name"/>, bound from
    /// <c>TryVox:&lt;name&gt;</c>, then <paramref name="configure"/>. Everything else is as for the unnamed client, which this
    /// leaves as it is.
    /// </summary>
    /// <example><code>
    /// // appsettings.json: { "TryVox": { "billing": { "ApiKey": "…", "TenantId": "billing" } } }
    /// services.AddTryVoxClient("billing", o => o.ApplicationId = "billing/2.0");
    /// public sealed class Invoices([FromKeyedServices("billing")] TryVoxClient tryvox) { … }
    /// </code></example>
    public static IHttpClientBuilder AddTryVoxClient(this IServiceCollection services, string name, Action<TryVoxClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var builder = Register(services, name, $"{ConfigurationSection}:{name}", $"{HttpClientName}:{name}", configure);
        services.AddKeyedTransient(name, (provider, _) => Client(provider, name, provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name)));
        return builder;
    }

    private static IHttpClientBuilder Register(IServiceCollection services, string name, string section, string httpClientName, Action<TryVoxClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Bound from the section when the application has configuration; an app without it configures in code.
        var options = services.AddOptions<TryVoxClientOptions>(name)
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(section).Bind(o))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<ILoggerFactory>((o, loggers) => o.LogTo(loggers.CreateLogger(TryVoxLogging.Category)));
        // A reloaded configuration reaches IOptionsMonitor, and with it the key rotation.
        services.AddSingleton<IOptionsChangeTokenSource<TryVoxClientOptions>>(provider => new ConfigurationReload(name, provider.GetService<IConfiguration>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TryVoxClientOptions>, HostEnvironmentCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, SendOnceFilter>());
        services.Configure<SendOnceFilter.Clients>(clients => clients.Names.Add(httpClientName));
        services.TryAddKeyedSingleton(name, (provider, _) => KeyRotation.Watch(provider, name));

        return services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(ClientSettings.CreatePrimaryHandler)
            // The client applies every time limit itself; HttpClient's own 100 s would cut across them.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
    }

    private static TryVoxClient Client(IServiceProvider provider, string name, HttpClient httpClient)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<TryVoxClientOptions>>().Get(name);
        if (options.PrimaryHandler is not null || options.HttpClient is not null)
        {
            // IHttpClientFactory owns and recycles its handlers; one instance from options would be shared and disposed under us.
            throw new InvalidOperationException(
                "With AddTryVoxClient, leave TryVoxClientOptions.PrimaryHandler and HttpClient unset: configure the " +
                "primary handler on the returned IHttpClientBuilder (ConfigurePrimaryHttpMessageHandler) instead.");
        }

        var credential = provider.GetRequiredKeyedService<TryVoxCredential>(name);
        return new TryVoxClient(new ClientSettings(options, httpClient, credential), options.TenantId, ownsSettings: false);
    }

    private sealed class ConfigurationReload(string name, IConfiguration? configuration) : IOptionsChangeTokenSource<TryVoxClientOptions>
    {
        public string Name => name;

        public IChangeToken GetChangeToken() => configuration?.GetReloadToken() ?? new CancellationChangeToken(CancellationToken.None);
    }

    /// <summary>
    /// Puts the send-once guard last among a TryVox client's handlers, after every other configuration has run, so that
    /// no handler of the application's sits between it and the network.
    /// </summary>
    private sealed class SendOnceFilter(IOptions<SendOnceFilter.Clients> clients) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name is not null && clients.Value.Names.Contains(builder.Name))
            {
                builder.AdditionalHandlers.Add(new SendOnceHandler());
            }
        };

        public sealed class Clients
        {
            public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        }
    }
}
