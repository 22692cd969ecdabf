using System.Collections.Concurrent;

namespace TryVox.Client.Tests;

/// <summary>A caller's own HttpClient or primary handler, with the TryVox handlers still in front.</summary>
public sealed class BringYourOwnTests
{
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task An_own_HttpClient_sends_every_attempt_behind_the_TryVox_handlers()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
            count == 1 ? Fixtures.Error(context, 429) : LoopbackServer.Json(context, 201, Fixtures.CallJson));
        var counting = new CountingHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var httpClient = new HttpClient(counting);
        httpClient.DefaultRequestHeaders.Add("X-Proxy-Tag", "mine");
        var options = Fixtures.Fast(server);
        options.HttpClient = httpClient;
        options.TenantId = "tenant_xyz";

        var call = await TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.Equal(2, counting.Sent);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal($"Bearer {TestKeys.Sandbox}", r.Header("Authorization"));
            Assert.Equal("tenant_xyz", r.Header("X-Tenant-ID"));
            Assert.Equal("mine", r.Header("X-Proxy-Tag"));
            Assert.StartsWith("tryvox-dotnet/", r.Header("User-Agent"), StringComparison.Ordinal);
            Assert.Equal(requests[0].Body, r.Body);
        });
    }

    [Fact]
    public async Task An_own_primary_handler_sends_the_requests()
    {
        await using var server = await LoopbackServer.StartAsync();
        var counting = new CountingHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        var options = Fixtures.Fast(server);
        options.PrimaryHandler = counting;

        await TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync();

        Assert.Equal(1, counting.Sent);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void An_own_HttpClient_and_an_own_primary_handler_together_are_refused()
    {
        using var httpClient = new HttpClient();
        using var handler = new SocketsHttpHandler();
        var refused = Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            HttpClient = httpClient,
            PrimaryHandler = handler,
        }));
        Assert.Equal("Set TryVoxClientOptions.HttpClient or PrimaryHandler, not both. (Parameter 'options')", refused.Message);
    }

    [Fact]
    public async Task Disposing_a_client_disposes_what_it_made_and_never_the_HttpClient_or_handler_it_was_given()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var httpClient = new HttpClient();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        var withClient = Fixtures.Fast(server);
        withClient.HttpClient = httpClient;
        var withHandler = Fixtures.Fast(server);
        withHandler.PrimaryHandler = handler;
        var own = TryVoxClientFactory.Create(Fixtures.Fast(server));
        var tenant = own.WithTenant("tenant_xyz");

        TryVoxClientFactory.Create(withClient).Dispose();
        TryVoxClientFactory.Create(withHandler).Dispose();
        tenant.Dispose();
        await own.Account["AC123456"].Numbers.GetAsync();
        own.Dispose();

        // Still usable by their owner; a tenant client's Dispose left the pipeline it shares alone.
        (await httpClient.GetAsync(server.Root)).Dispose();
        using var invoker = new HttpMessageInvoker(handler);
        (await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Root), CancellationToken.None)).Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => own.Account["AC123456"].Numbers.GetAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => tenant.Account["AC123456"].Numbers.GetAsync());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void A_factory_HttpClient_sets_the_HTTP_version_and_a_credential_given_with_it_is_the_one_used()
    {
        using var http = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var credential = new Authentication.TryVoxCredential(TestKeys.Live);

        using var pipeline = new Http.ClientSettings(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox }, http, credential);
        using var own = new Http.ClientSettings(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox });

        Assert.Equal((System.Net.HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact), (pipeline.RequestVersion, pipeline.RequestVersionPolicy));
        Assert.Equal((System.Net.HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower), (own.RequestVersion, own.RequestVersionPolicy));
        Assert.Same(credential, pipeline.Authentication.Credential);
        Assert.Throws<ArgumentNullException>(() => new Http.ClientSettings(null!));
    }

    public static TheoryData<int, string?> ResponseLimits => new()
    {
        { 1, null },
        { Array.MaxLength, null },
        { 0, "TryVoxClientOptions.MaxResponseBytes must be 1 to 2147483591 bytes; it is 0. (Parameter 'options')" },
        { -1, "TryVoxClientOptions.MaxResponseBytes must be 1 to 2147483591 bytes; it is -1. (Parameter 'options')" },
        { Array.MaxLength + 1, "TryVoxClientOptions.MaxResponseBytes must be 1 to 2147483591 bytes; it is 2147483592. (Parameter 'options')" },
    };

    [Theory]
    [MemberData(nameof(ResponseLimits))]
    public void MaxResponseBytes_is_checked_when_the_client_is_built(int limit, string? refusal)
    {
        var error = Record.Exception(() => TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, MaxResponseBytes = limit }));

        Assert.Equal(refusal, error?.Message);
    }

    [Fact]
    public async Task Clients_built_side_by_side_keep_their_own_settings()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clients = Enumerable.Range(0, 4).Select(i =>
        {
            var options = Fixtures.Fast(server);
            options.TenantId = $"tenant_{i}";
            options.ApplicationId = $"app-{i}";
            return (i, client: TryVoxClientFactory.Create(options));
        }).ToArray();

        await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 10).Select(_ => c.client.Account["AC123456"].Numbers.GetAsync())));

        var seen = new ConcurrentBag<string>(server.Requests.Select(r => $"{r.Header("X-Tenant-ID")} {r.Header("User-Agent")!.Split(' ')[^1]}"));
        Assert.Equal(40, seen.Count);
        Assert.All(seen, s => Assert.Matches(@"^tenant_(\d) app-\1$", s));
    }
}
