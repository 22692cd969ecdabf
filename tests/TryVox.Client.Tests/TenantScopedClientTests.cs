using TryVox.Client.RequestOptions;

namespace TryVox.Client.Tests;

/// <summary><c>client.WithTenant(…)</c>: a cheap client per tenant over the parent's connections and settings.</summary>
public sealed class TenantScopedClientTests
{
    [Fact]
    public async Task A_tenant_scoped_client_sends_its_tenant_none_for_null_and_a_request_option_still_overrides()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = TestKeys.Client(server, tenantId: "tenant_parent");

        await client.WithTenant("tenant_xyz").Account["AC1"].Numbers.GetAsync();
        await client.WithTenant(null).Account["AC1"].Numbers.GetAsync();
        await client.WithTenant("tenant_xyz").Account["AC1"].Numbers.GetAsync(r => r.Options.Add(new TenantOption("tenant_once")));
        await client.Account["AC1"].Numbers.GetAsync();

        Assert.Equal(
            new string?[] { "tenant_xyz", null, "tenant_once", "tenant_parent" },
            server.Requests.Select(r => r.Header("X-Tenant-ID")).ToArray());
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + TestKeys.Sandbox, r.Header("Authorization")));
    }

    [Theory]
    [InlineData("tenant\r\nX-Evil: 1")]
    [InlineData("")]
    public async Task A_bad_tenant_is_refused_when_the_scoped_client_is_made(string tenant)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = TestKeys.Client(server);

        Assert.Throws<ArgumentException>(() => client.WithTenant(tenant));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Ten_thousand_scoped_clients_share_the_parents_single_connection_and_cost_a_few_hundred_bytes_each()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = TestKeys.Client(server);
        await client.Account["AC1"].Numbers.GetAsync();
        for (var i = 0; i < 100; i++)
        {
            client.WithTenant("tenant_warm");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var scoped = new TryVoxClient[10_000];
        for (var i = 0; i < scoped.Length; i++)
        {
            scoped[i] = client.WithTenant($"tenant_{i % 10}");
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before - (scoped.Length * IntPtr.Size)) / scoped.Length;
        for (var i = 0; i < scoped.Length; i += 100)
        {
            await scoped[i].Account["AC1"].Numbers.GetAsync();
        }

        Assert.Equal(101, server.Requests.Count);
        Assert.Single(server.Requests.Select(r => r.ConnectionId).Distinct());
        Assert.Equal("tenant_0", server.Requests.Last().Header("X-Tenant-ID"));
        // The tenant strings themselves (about 40 bytes each) are counted; about 600 bytes is the generated root builder's own cost.
        Assert.True(perCall <= 700, $"WithTenant allocated {perCall} bytes per call.");
    }

    [Fact]
    public async Task The_readme_example_scopes_a_client_to_a_tenant()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, """{"data":[]}"""));
        using var client = TestKeys.Client(server);

        // <snippet:with-tenant>
        var tenantClient = client.WithTenant("tenant_xyz"); // shares client's connections and settings: make one per request if you like
        var calls = await tenantClient.Voice.Accounts["AC123456"].Calls.GetAsync();
        // </snippet>

        Assert.Empty(calls!.Data!);
        Assert.Equal("tenant_xyz", Assert.Single(server.Requests).Header("X-Tenant-ID"));
    }
}
