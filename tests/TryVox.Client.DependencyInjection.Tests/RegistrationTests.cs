using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TryVox.Client.Tests;

namespace TryVox.Client.DependencyInjection.Tests;

/// <summary>
/// Registration as an application and its tests meet it: <c>AddTryVoxClient</c> needs no using of its own, a second
/// registration (a test's <c>ConfigureTestServices</c>) is harmless, and a bad setting stops the host at startup.
/// This file deliberately has no <c>using TryVox.Client.DependencyInjection;</c>.
/// </summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task Registering_the_client_again_applies_its_configuration_and_logs_each_attempt_once()
    {
        await using var production = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        await using var test = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection().AddLogging(builder => builder.AddProvider(logs).AddFilter("System", LogLevel.None));
        services.AddTryVoxClient(o => (o.ApiKey, o.BaseUrl) = (TestKeys.Live, production.BaseUrl));

        // What a test's ConfigureTestServices does: the same registration again, pointed at the test's server.
        services.AddTryVoxClient(o => o.BaseUrl = test.BaseUrl);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        Assert.Empty(production.Requests);
        Assert.Equal("Bearer " + TestKeys.Live, Assert.Single(test.Requests).Header("Authorization"));
        Assert.Matches(@"^TryVox GET /account/\{account_id\}/numbers attempt 1: 200 in \d+\.\d ms$", Assert.Single(logs.Entries, e => e.Category == TryVoxLogging.Category).Message);
        Assert.Single(provider.GetServices<IOptionsChangeTokenSource<TryVoxClientOptions>>());
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "TryVox:ApiKey", "tvx_sk_live_badStart 0000000000001234", "The TryVox client cannot start: The TryVox API key in TryVoxClientOptions.ApiKey contains a space, line break, control or non-ASCII character (at position 21 of 37). Remove what was copied along with the key." },
        { "TryVox:ApiKey", "sk_live_badStart0000000000001234", "The TryVox client cannot start: The TryVox API key in TryVoxClientOptions.ApiKey is malformed: it must start with tvx_sk_live_ (production) or tvx_sk_test_ (sandbox). Copy the whole key from the TryVox Dashboard." },
        { "TryVox:TenantId", "tenant a", "The TryVox client cannot start: The tenant id contains a space, CR, LF, control or non-ASCII character (U+0020 at position 7); X-Tenant-ID allows printable ASCII only, such as tenant_xyz." },
        { "TryVox:BaseUrl", "http://api.tryvox.io/v1", "The TryVox client cannot start: The TryVox base URL http://api.tryvox.io uses plain http: https is required, so the API key is never sent in clear text. Plain http is allowed only to loopback addresses (localhost, 127.0.0.1, [::1]) for local sandboxes." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_host_at_startup_with_its_reason_and_never_the_key(string setting, string value, string reason)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Staging", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TryVox:ApiKey"] = TestKeys.Live, [setting] = value });
        builder.Services.AddTryVoxClient();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(reason, refused.Message);
        Assert.DoesNotContain("badStart", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_clients_bad_key_names_the_client()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Staging", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TryVox:billing:ApiKey"] = "tvx_sk_live_" });
        builder.Services.AddTryVoxClient("billing");
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "The TryVox client \"billing\" cannot start: The TryVox API key in TryVoxClientOptions.ApiKey is incomplete: nothing follows its prefix. Copy the whole key from the TryVox Dashboard.",
            refused.Message);
    }
}
