using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TryVox.Client.DependencyInjection;

namespace TryVox.Client.Redis;

/// <summary>Registers a <see cref="RedisPlacementLedger"/> for a client registered with <c>AddTryVoxClient</c>.</summary>
public static class TryVoxRedisExtensions
{
    /// <summary>The configuration section under a client's own (<c>TryVox:Redis</c>, <c>TryVox:&lt;name&gt;:Redis</c>).</summary>
    public const string ConfigurationSection = "Redis";

    /// <summary>
    /// Places this client's keyed create-calls through a <see cref="RedisPlacementLedger"/>, one per client name (a
    /// singleton, disposed with the container), with <see cref="RedisPlacementLedgerOptions"/> bound from
    /// <c>TryVox:Redis</c> (a named client's from <c>TryVox:&lt;name&gt;:Redis</c>), then <paramref name="configure"/>.
    /// Without <see cref="RedisPlacementLedgerOptions.Configuration"/>, the registered <see cref="IConnectionMultiplexer"/> is used.
    /// </summary>
    /// <example><code>
    /// // appsettings.json: { "TryVox": { "Redis": { "Configuration": "redis.internal:6379", "Retention": "1.00:00:00" } } }
    /// services.AddTryVoxClient().UseRedisPlacementLedger();
    /// services.AddTryVoxClient("billing").UseRedisPlacementLedger(); // from TryVox:billing:Redis
    /// </code></example>
    /// <exception cref="ArgumentException"><paramref name="builder"/> is not one that <c>AddTryVoxClient</c> returned.</exception>
    public static IHttpClientBuilder UseRedisPlacementLedger(this IHttpClientBuilder builder, Action<RedisPlacementLedgerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = ClientName(builder.Name) ?? throw new ArgumentException(
            $"UseRedisPlacementLedger goes on the builder that AddTryVoxClient returns; \"{builder.Name}\" is not a TryVox client.", nameof(builder));
        var section = name.Length == 0
            ? $"{TryVoxServiceCollectionExtensions.ConfigurationSection}:{ConfigurationSection}"
            : $"{TryVoxServiceCollectionExtensions.ConfigurationSection}:{name}:{ConfigurationSection}";
        var options = builder.Services.AddOptions<RedisPlacementLedgerOptions>(name)
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(section).Bind(o))
            .Validate(o => o.Problem() is null, $"The settings in {section} cannot work: see RedisPlacementLedgerOptions.")
            .Validate<IServiceProvider>((o, provider) => !string.IsNullOrWhiteSpace(o.Configuration) || provider.GetService<IConnectionMultiplexer>() is not null,
                $"No Redis for the placement ledger: set {section}:Configuration (such as redis.internal:6379) or register an IConnectionMultiplexer.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddKeyedSingleton(name, (provider, _) =>
        {
            var settings = provider.GetRequiredService<IOptionsMonitor<RedisPlacementLedgerOptions>>().Get(name);
            return string.IsNullOrWhiteSpace(settings.Configuration)
                ? new RedisPlacementLedger(provider.GetRequiredService<IConnectionMultiplexer>(), settings)
                : new RedisPlacementLedger(settings);
        });
        builder.Services.AddOptions<TryVoxClientOptions>(name)
            .Configure<IServiceProvider>((o, provider) => (o.Placement ??= new()).Ledger = provider.GetRequiredKeyedService<RedisPlacementLedger>(name));
        return builder;
    }

    /// <summary>The options name of the client whose HttpClient is <paramref name="httpClientName"/> (the unnamed client's is empty); null for another HttpClient.</summary>
    private static string? ClientName(string httpClientName) =>
        httpClientName == TryVoxServiceCollectionExtensions.HttpClientName ? Options.DefaultName
        : httpClientName.StartsWith(TryVoxServiceCollectionExtensions.HttpClientName + ":", StringComparison.Ordinal)
            ? httpClientName[(TryVoxServiceCollectionExtensions.HttpClientName.Length + 1)..]
        : null;
}
