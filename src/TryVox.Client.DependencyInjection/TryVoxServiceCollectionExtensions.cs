using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TryVox.Client;
using TryVox.Client.Authentication;
using TryVox.Client.DependencyInjection;
using TryVox.Client.Http;
using TryVox.Client.SendOnce;

// The namespace of AddHttpClient, AddStandardResilienceHandler and the Azure SDK's clients: no using to add.
namespace Microsoft.Extensions.DependencyInjection;

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
    /// Registering it again (in a test's <c>ConfigureTestServices</c>, say) only adds <paramref name="configure"/>; the
    /// client, its logging and its key rotation stay registered once. A malformed key, base URL or tenant fails the host
    /// at startup with its reason.
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
        var (builder, first) = Register(services, Microsoft.Extensions.Options.Options.DefaultName, ConfigurationSection, HttpClientName, configure);
        return first ? builder.AddTypedClient((httpClient, provider) => Client(provider, Microsoft.Extensions.Options.Options.DefaultName, httpClient)) : builder;
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
        var (builder, first) = Register(services, name, $"{ConfigurationSection}:{name}", $"{HttpClientName}:{name}", configure);
        if (first)
        {
            services.AddKeyedTransient(name, (provider, _) => Client(provider, name, provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name)));
        }

        return builder;
    }

    /// <summary>The client's options, HttpClient and services, registered once per name; <c>first</c> is false when they already were.</summary>
    private static (IHttpClientBuilder Builder, bool First) Register(
        IServiceCollection services, string name, string section, string httpClientName, Action<TryVoxClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TryVoxClientOptions>(name);
        var first = !services.Any(d => d.ServiceType == typeof(Registered) && Equals(d.ServiceKey, name));
        if (first)
        {
            services.AddKeyedSingleton(name, new Registered());
            // Bound from the section when the application has configuration; an app without it configures in code.
            options.Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(section).Bind(o)).ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        var builder = services.AddHttpClient(httpClientName);
        if (!first)
        {
            return (builder, false);
        }

        options.PostConfigure<ILoggerFactory>((o, loggers) => o.LogTo(loggers.CreateLogger(TryVoxLogging.Category)));
        // A reloaded configuration reaches IOptionsMonitor, and with it the key rotation.
        services.AddSingleton<IOptionsChangeTokenSource<TryVoxClientOptions>>(provider => new ConfigurationReload(name, provider.GetService<IConfiguration>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TryVoxClientOptions>, StartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, SendOnceFilter>());
        services.Configure<Registrations>(registrations =>
        {
            registrations.OptionNames.Add(name);
            registrations.HttpClientNames.Add(httpClientName);
        });
        services.TryAddKeyedSingleton(name, (provider, _) => KeyRotation.Watch(provider, name, section));

        builder.ConfigurePrimaryHttpMessageHandler(ClientSettings.CreatePrimaryHandler)
            // The client applies every time limit itself; HttpClient's own 100 s would cut across them. HTTP/2 where TLS
            // negotiates it, as the client's own sender asks; the application may configure another version after this.
            .ConfigureHttpClient(client => (client.Timeout, client.DefaultRequestVersion, client.DefaultVersionPolicy) =
                (Timeout.InfiniteTimeSpan, System.Net.HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower));
        return (builder, true);
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
    private sealed class SendOnceFilter(IOptions<Registrations> registrations) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name is not null && registrations.Value.HttpClientNames.Contains(builder.Name))
            {
                builder.AdditionalHandlers.Add(new SendOnceHandler());
            }
        };
    }

    /// <summary>Marks a client name as registered, so a second registration adds its configuration only.</summary>
    private sealed class Registered;
}
