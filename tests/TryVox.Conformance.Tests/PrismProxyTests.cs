using TryVox.Client.Tests;
using TryVox.Client.Testing;
using Xunit.Sdk;

namespace TryVox.Conformance.Tests;

/// <summary>The sandbox behind one <c>prism proxy</c>, which validates every response against the spec.</summary>
public sealed class SandboxBehindPrismFixture : IAsyncLifetime
{
    internal TryVoxTestServer Sandbox { get; private set; } = null!;

    internal PrismProcess Prism { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });
        Prism = await PrismProcess.ProxyAsync(Sandbox.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Prism.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>
/// The Kiota client → Prism proxy → sandbox: an independent validator checks that what the sandbox
/// answers, success or documented error, is what the spec says (any <c>sl-violations</c> fails).
/// </summary>
public sealed class PrismProxyTests(SandboxBehindPrismFixture fixture) : IClassFixture<SandboxBehindPrismFixture>
{
    private TryVox.Client.TryVoxClient Client(string? apiKey = null, string? tenantId = null) =>
        Operations.Client(fixture.Prism.Url, apiKey ?? fixture.Sandbox.ApiKey, tenantId, failOnSpecViolations: true);

    [Fact]
    public async Task Every_sandbox_response_satisfies_the_spec()
    {
        var (created, calls) = await Operations.RunAllAsync(Client(tenantId: "proxy_every_operation"), fixture.Sandbox.AccountId);

        Assert.Equal(created.Id, Assert.Single(calls.Data!).Id);
    }

    [Fact]
    public async Task The_sandbox_401_satisfies_the_spec()
    {
        var error = await Operations.FailsWith(401, "UNAUTHORIZED",
            () => Client("tvx_sk_test_unknown").Account[fixture.Sandbox.AccountId].Numbers.GetAsync());

        Assert.Equal("Invalid or missing API key", error.Message);
    }

    [Fact]
    public async Task The_sandbox_403_satisfies_the_spec() =>
        await Operations.FailsWith(403, "FORBIDDEN", () => Client().Voice.Accounts["AC999999"].Calls.GetAsync());

    [Fact]
    public async Task The_sandbox_400_satisfies_the_spec() =>
        await Operations.FailsWith(400, "VALIDATION_ERROR", () => Client().Voice.Accounts[fixture.Sandbox.AccountId].Calls.PostAsync(
            new() { From = "+14155550199", To = "+14155551234", AnswerUrl = "https://your-app.com/answer" }));

    [Fact]
    public async Task Tenant_isolation_holds_through_the_proxy()
    {
        var created = await Client(tenantId: "proxy_a").Voice.Accounts[fixture.Sandbox.AccountId].Calls.PostAsync(Operations.ReferenceCall());

        Assert.Equal([created!.Id], (await Client(tenantId: "proxy_a").Voice.Accounts[fixture.Sandbox.AccountId].Calls.GetAsync())!.Data!.Select(c => c.Id));
        Assert.Empty((await Client(tenantId: "proxy_b").Voice.Accounts[fixture.Sandbox.AccountId].Calls.GetAsync())!.Data!);
    }

    [Fact]
    public async Task The_proxy_reports_a_response_that_breaks_the_spec()
    {
        // Guards the guard: a server whose number lacks the required country and status must be caught.
        await using var broken = await LoopbackServer.StartAsync(
            (context, _) => LoopbackServer.Json(context, 200, """{"data":[{"e164":"+919876543210"}]}"""));
        await using var prism = await PrismProcess.ProxyAsync(broken.BaseUrl);

        var failure = await Assert.ThrowsAsync<XunitException>(() =>
            Operations.Client(prism.Url, "tvx_sk_test_any", failOnSpecViolations: true).Account["AC123456"].Numbers.GetAsync());

        Assert.Contains("required property 'country'", failure.Message, StringComparison.Ordinal);
    }
}
