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
        await using var app = await App.StartAsync();
        await app.Client.Account["AC1"].Numbers.GetAsync();

        app.ChangeKey(NewKey);
        await app.Client.Account["AC1"].Numbers.GetAsync();
        await app.Services.GetRequiredService<TryVoxClient>().Account["AC1"].Numbers.GetAsync();

        Assert.Equal(["Bearer " + OldKey, "Bearer " + NewKey, "Bearer " + NewKey], app.Server.Requests.Select(r => r.Header("Authorization")));
        var rotated = Assert.Single(app.Logs.Entries, e => e.Message.Contains("now sends the API key", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Information, "The TryVox client now sends the API key tvx_sk_live_…2222, replaced from configuration"), (rotated.Level, rotated.Message));
        Assert.All(app.Logs.Entries, e => Assert.DoesNotContain("rotate", e.Everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_new_key_is_logged_redacted_and_the_last_good_key_stays()
    {
        await using var app = await App.StartAsync();
        await app.Client.Account["AC1"].Numbers.GetAsync();

        app.ChangeKey("tvx_sk_live_rotateTypo 0000000003333");
        await app.Client.Account["AC1"].Numbers.GetAsync();

        Assert.Equal(["Bearer " + OldKey, "Bearer " + OldKey], app.Server.Requests.Select(r => r.Header("Authorization")));
        var refused = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(
            "The TryVox client refused the new API key in configuration and keeps sending tvx_sk_live_…1111. The TryVox API key in TryVox:ApiKey " +
            "contains a space, line break, control or non-ASCII character (at position 23 of 36). Remove what was copied along with the key.",
            refused.Message);
        Assert.All(app.Logs.Entries, e => Assert.DoesNotContain("rotate", e.Everything, StringComparison.Ordinal));
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

    /// <summary>An application with <c>TryVox:ApiKey</c> in a configuration that can change, resolving a client against a loopback API.</summary>
    private sealed class App : IAsyncDisposable
    {
        private readonly IConfigurationRoot _configuration;

        private App(LoopbackServer server, IConfigurationRoot configuration)
        {
            (Server, _configuration) = (server, configuration);
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
            services.AddLogging(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Information).AddFilter("System", LogLevel.None));
            services.AddTryVoxClient(o => o.Retry.MaxRetries = 0);
            Services = services.BuildServiceProvider();
            Client = Services.GetRequiredService<TryVoxClient>();
        }

        public LoopbackServer Server { get; }

        public CapturingLoggerProvider Logs { get; } = new();

        public ServiceProvider Services { get; }

        public TryVoxClient Client { get; }

        public static async Task<App> StartAsync()
        {
            var server = await LoopbackServer.StartAsync();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TryVox:ApiKey"] = OldKey,
                ["TryVox:BaseUrl"] = server.BaseUrl.ToString(),
            }).Build();
            return new App(server, configuration);
        }

        /// <summary>What an operator's edit of the configuration does: a new value, then a reload.</summary>
        public void ChangeKey(string key)
        {
            _configuration.Providers.OfType<MemoryConfigurationProvider>().Single().Set("TryVox:ApiKey", key);
            _configuration.Reload();
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Server.DisposeAsync();
        }
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
