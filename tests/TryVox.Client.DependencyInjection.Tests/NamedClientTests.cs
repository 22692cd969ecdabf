using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TryVox.Client.Models;
using TryVox.Client.Tests;

namespace TryVox.Client.DependencyInjection.Tests;

/// <summary>Named clients: keyed services, each with its own key, tenant and base URL, bound from <c>TryVox:&lt;name&gt;</c>.</summary>
[Collection(nameof(SharesEnvironmentVariables))]
public sealed class NamedClientTests
{
    private const string BillingKey = "tvx_sk_live_billing00000000000001";
    private const string SupportKey = "tvx_sk_test_support00000000000002";

    [Fact]
    public async Task Each_named_client_sends_its_own_key_tenant_and_base_url_and_the_unnamed_one_stays_as_it_is()
    {
        await using var billingApi = await LoopbackServer.StartAsync();
        await using var supportApi = await LoopbackServer.StartAsync();
        await using var defaultApi = await LoopbackServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TryVox:ApiKey"] = TestKeys.Live,
            ["TryVox:BaseUrl"] = defaultApi.BaseUrl.ToString(),
            ["TryVox:billing:ApiKey"] = BillingKey,
            ["TryVox:billing:BaseUrl"] = billingApi.BaseUrl.ToString(),
            ["TryVox:billing:TenantId"] = "tenant_billing",
            ["TryVox:support:ApiKey"] = SupportKey,
            ["TryVox:support:BaseUrl"] = supportApi.BaseUrl.ToString(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddTryVoxClient();
        // <snippet:named-clients>
        services.AddTryVoxClient("billing", o => o.ApplicationId = "billing/2.0"); // options from TryVox:billing
        // </snippet>
        services.AddTryVoxClient("support");
        services.AddTransient<Invoices>();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<Invoices>().NumbersAsync("AC1");
        await provider.GetRequiredKeyedService<TryVoxClient>("support").Account["AC2"].Numbers.GetAsync();
        await provider.GetRequiredService<TryVoxClient>().Account["AC3"].Numbers.GetAsync();

        var billing = Assert.Single(billingApi.Requests);
        Assert.Equal(("/v1/account/AC1/numbers", "Bearer " + BillingKey, "tenant_billing"), (billing.PathAndQuery, billing.Header("Authorization"), billing.Header("X-Tenant-ID")));
        Assert.EndsWith(" billing/2.0", billing.Header("User-Agent"), StringComparison.Ordinal);
        var support = Assert.Single(supportApi.Requests);
        Assert.Equal(("Bearer " + SupportKey, null), (support.Header("Authorization"), support.Header("X-Tenant-ID")));
        Assert.Equal("Bearer " + TestKeys.Live, Assert.Single(defaultApi.Requests).Header("Authorization"));
    }

    [Fact]
    public void A_named_client_without_a_key_says_where_it_looked()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", null);
        var services = new ServiceCollection();
        services.AddTryVoxClient("billing");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredKeyedService<TryVoxClient>("billing"));

        Assert.Equal(
            "The TryVox client \"billing\" cannot start: No TryVox API key: set TryVoxClientOptions.ApiKey or the TRYVOX_API_KEY environment variable " +
            "to a key from the TryVox Dashboard (tvx_sk_live_… for production, tvx_sk_test_… for the sandbox).",
            error.Message);
    }

    // <snippet:named-clients>
    public sealed class Invoices([FromKeyedServices("billing")] TryVoxClient tryvox)
    {
        public Task<PhoneNumberList?> NumbersAsync(string account) => tryvox.Account[account].Numbers.GetAsync();
    }
    // </snippet>
}
