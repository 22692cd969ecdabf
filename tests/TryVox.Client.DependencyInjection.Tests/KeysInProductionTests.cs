using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TryVox.Client.Tests;

namespace TryVox.Client.DependencyInjection.Tests;

/// <summary>Rotation from configuration without a restart, and a key that does not fit the host's environment.</summary>
public sealed class KeysInProductionTests
{
    private const string OldKey = "tvx_sk_live_rotateOld000000000001111";
    private const string NewKey = "tvx_sk_live_rotateNew000000000002222";

    [Fact]
    public async Task A_new_TryVox_ApiKey_in_configuration_is_used_by_the_running_client_without_rebuilding_it()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (configuration, memory) = Configuration(("TryVox:ApiKey", OldKey), ("TryVox:BaseUrl", server.BaseUrl.ToString()));
        var logs = new CapturingLoggerProvider();
        await using var services = Services(configuration, logs);
        var client = services.GetRequiredService<TryVoxClient>();

        await client.Account["AC1"].Numbers.GetAsync();
        memory.Set("TryVox:ApiKey", NewKey);
        configuration.Reload();
        await client.Account["AC1"].Numbers.GetAsync();
        await services.GetRequiredService<TryVoxClient>().Account["AC1"].Numbers.GetAsync();

        Assert.Equal(["Bearer " + OldKey, "Bearer " + NewKey, "Bearer " + NewKey], server.Requests.Select(r => r.Header("Authorization")));
        var rotated = Assert.Single(logs.Entries, e => e.Message.Contains("API key replaced", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Information, "TryVox client \"\": API key replaced from configuration; now tvx_sk_live_…2222"), (rotated.Level, rotated.Message));
        Assert.All(logs.Entries, e => Assert.DoesNotContain("rotate", e.Everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_new_key_is_logged_redacted_and_the_last_good_key_stays()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (configuration, memory) = Configuration(("TryVox:ApiKey", OldKey), ("TryVox:BaseUrl", server.BaseUrl.ToString()));
        var logs = new CapturingLoggerProvider();
        await using var services = Services(configuration, logs);
        var client = services.GetRequiredService<TryVoxClient>();
        await client.Account["AC1"].Numbers.GetAsync();

        memory.Set("TryVox:ApiKey", "tvx_sk_live_rotateTypo 0000000003333");
        configuration.Reload();
        await client.Account["AC1"].Numbers.GetAsync();

        Assert.Equal(["Bearer " + OldKey, "Bearer " + OldKey], server.Requests.Select(r => r.Header("Authorization")));
        var refused = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith("TryVox client \"\": the new API key in configuration was refused and tvx_sk_live_…1111 is kept:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("contains a space", refused.Message, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("rotate", e.Everything, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", "tvx_sk_live_hostCheck000000000004444", "a production (live) key in the Development environment (tvx_sk_live_…4444)")]
    [InlineData("Production", "tvx_sk_test_hostCheck000000000005555", "a sandbox (test) key in the Production environment (tvx_sk_test_…5555)")]
    public async Task A_key_that_does_not_fit_the_host_environment_is_one_redacted_warning_at_startup(string environment, string key, string expected)
    {
        var logs = new CapturingLoggerProvider();
        using var host = Host(environment, key, logs, asError: false);

        await host.StartAsync();
        await host.StopAsync();

        var warning = Assert.Single(logs.Entries, e => e.Category == TryVoxLogging.Category);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key[12..], warning.Everything, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "tvx_sk_test_hostCheck000000000006666")]
    [InlineData("Production", "tvx_sk_live_hostCheck000000000007777")]
    [InlineData("Staging", "tvx_sk_live_hostCheck000000000008888")]
    public async Task A_key_that_fits_the_host_environment_starts_quietly(string environment, string key)
    {
        var logs = new CapturingLoggerProvider();
        using var host = Host(environment, key, logs, asError: false);

        await host.StartAsync();
        await host.StopAsync();

        Assert.DoesNotContain(logs.Entries, e => e.Category == TryVoxLogging.Category);
    }

    [Fact]
    public async Task TreatEnvironmentMismatchAsError_fails_startup_naming_the_mismatch()
    {
        using var host = Host("Production", "tvx_sk_test_hostCheck000000000009999", new CapturingLoggerProvider(), asError: true);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("a sandbox (test) key in the Production environment (tvx_sk_test_…9999)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hostCheck", error.ToString(), StringComparison.Ordinal);
    }

    private static (IConfigurationRoot Configuration, MemoryConfigurationProvider Memory) Configuration(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();
        return (configuration, configuration.Providers.OfType<MemoryConfigurationProvider>().Single());
    }

    private static ServiceProvider Services(IConfiguration configuration, CapturingLoggerProvider logs)
    {
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information).AddFilter("System", LogLevel.None));
        services.AddTryVoxClient(o => o.Retry.MaxRetries = 0);
        return services.BuildServiceProvider();
    }

    private static IHost Host(string environment, string key, CapturingLoggerProvider logs, bool asError)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TryVox:ApiKey"] = key });
        builder.Logging.AddProvider(logs);
        builder.Services.AddTryVoxClient(o => o.TreatEnvironmentMismatchAsError = asError);
        return builder.Build();
    }
}
