using Microsoft.AspNetCore.Http;
// <snippet:tenant-per-request>
using TryVox.Client.RequestOptions;
// </snippet>

namespace TryVox.Client.Tests;

/// <summary>X-Tenant-ID on the wire: default, per-request override, refusal of bad values, redirects.</summary>
public sealed class TenantTests
{
    [Fact]
    public async Task The_client_tenant_goes_on_every_request_and_a_request_option_overrides_it()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = TestKeys.Client(server, tenantId: "tenant_xyz");

        await client.Account["AC1"].Numbers.GetAsync();
        // <snippet:tenant-per-request>
        await client.Voice.Accounts["AC123456"].Calls.GetAsync(r => r.Options.Add(new TenantOption("tenant_abc")));
        await client.Voice.Accounts["AC123456"].Calls.GetAsync(r => r.Options.Add(new TenantOption(null)));
        // </snippet>
        await client.Voice.Accounts["AC1"].Calls.GetAsync(r => r.Headers.Add("X-Tenant-ID", "tenant_hdr"));

        Assert.Equal(
            new string?[] { "tenant_xyz", "tenant_abc", null, "tenant_hdr" },
            server.Requests.Select(r => r.Header("X-Tenant-ID")).ToArray());
        Assert.All(server.Requests, r => Assert.DoesNotContain(",", r.Header("X-Tenant-ID") ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tenant_header_set_twice_on_one_request_is_refused_not_joined_into_two_tenants()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = TestKeys.Client(server, tenantId: "tenant_xyz");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Voice.Accounts["AC1"].Calls.PostAsync(Fixtures.NewCall(), r =>
        {
            r.Headers.Add("X-Tenant-ID", "tenant_a");
            r.Headers.Add("X-Tenant-ID", "tenant_b");
        }));

        Assert.Equal(
            "X-Tenant-ID was set more than once on this request; a request acts for one tenant. Set it once, or use a TenantOption " +
            "(which overrides the header) or TryVoxClient.WithTenant. (Parameter 'request')",
            error.Message);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("tenant_a,tenant_b", 9)]
    [InlineData(",", 1)]
    [InlineData("a,", 2)]
    public async Task A_tenant_id_with_a_comma_is_refused_everywhere_because_gateways_split_the_header_on_it(string tenant, int position)
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = TestKeys.Client(server);

        var errors = new[]
        {
            Assert.Throws<ArgumentException>(() => TestKeys.Client(server, tenantId: tenant)),
            Assert.Throws<ArgumentException>(() => client.WithTenant(tenant)),
            Assert.Throws<ArgumentException>(() => new TenantOption(tenant)),
            await Assert.ThrowsAsync<ArgumentException>(() => client.Account["AC1"].Numbers.GetAsync(r => r.Headers.Add("X-Tenant-ID", tenant))),
        };

        Assert.All(errors, e => Assert.Equal(
            $"The tenant id contains a comma (at position {position}), which gateways read as a separator between two tenants; X-Tenant-ID takes " +
            "one tenant id of printable ASCII without commas, such as tenant_xyz. (Parameter 'tenantId')",
            e.Message));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("tenant\r\nX-Evil: 1", "U+000D at position 7")]
    [InlineData("tenant\n", "U+000A at position 7")]
    [InlineData("ten ant", "U+0020 at position 4")]
    [InlineData("tenant\u0007", "U+0007")]
    [InlineData("ténant", "U+00E9")]
    public async Task A_tenant_with_control_characters_is_refused_before_anything_is_sent(string tenant, string expected)
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = TestKeys.Client(server);

        var atBuild = Assert.Throws<ArgumentException>(() => TestKeys.Client(server, tenantId: tenant));
        var perRequest = Assert.Throws<ArgumentException>(() => new TenantOption(tenant));
        var viaHeader = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.Voice.Accounts["AC1"].Calls.GetAsync(r => r.Headers.Add("X-Tenant-ID", tenant)));

        Assert.All([atBuild, perRequest, viaHeader], e => Assert.Contains(expected, e.Message, StringComparison.Ordinal));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789a123456789a123456789a123456789a123456789a123456789a123456789a1234567890")]
    public void A_tenant_that_is_empty_or_longer_than_128_is_refused(string tenant)
    {
        var error = Assert.Throws<ArgumentException>(() => new TenantOption(tenant));

        Assert.Equal($"The tenant id must be 1 to 128 characters long; it has {tenant.Length}. Use null for no tenant. (Parameter 'tenantId')", error.Message);
    }

    [Fact]
    public async Task Neither_key_nor_tenant_follows_a_redirect_to_another_host()
    {
        await using var elsewhere = await LoopbackServer.StartAsync();
        await using var api = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(elsewhere.Root, "v1/account/AC1/numbers").AbsoluteUri;
            return Task.CompletedTask;
        });
        var client = TestKeys.Client(api, tenantId: "tenant_xyz");

        await client.Account["AC1"].Numbers.GetAsync();

        var first = Assert.Single(api.Requests);
        Assert.Equal("Bearer " + TestKeys.Sandbox, first.Header("Authorization"));
        Assert.Equal("tenant_xyz", first.Header("X-Tenant-ID"));
        var redirected = Assert.Single(elsewhere.Requests);
        Assert.Equal("/v1/account/AC1/numbers", redirected.PathAndQuery);
        Assert.Null(redirected.Header("Authorization"));
        Assert.Null(redirected.Header("X-Tenant-ID"));
    }

    [Fact]
    public async Task Key_and_tenant_follow_a_redirect_within_the_api_origin()
    {
        await using var api = await LoopbackServer.StartAsync((context, count) =>
        {
            if (count > 1)
            {
                return LoopbackServer.Json(context, 200, """{"data":[]}""");
            }

            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = "/v1/account/AC2/numbers";
            return Task.CompletedTask;
        });
        var client = TestKeys.Client(api, tenantId: "tenant_xyz");

        await client.Account["AC1"].Numbers.GetAsync(r => r.Options.Add(new TenantOption("tenant_abc")));

        Assert.Equal(
            [("/v1/account/AC1/numbers", "Bearer " + TestKeys.Sandbox, "tenant_abc"), ("/v1/account/AC2/numbers", "Bearer " + TestKeys.Sandbox, "tenant_abc")],
            api.Requests.Select(r => (r.PathAndQuery, r.Header("Authorization"), r.Header("X-Tenant-ID"))).ToArray());
    }
}
