using Microsoft.Extensions.Time.Testing;
using TryVox.Client.RequestOptions;

namespace TryVox.Client.Testing.Tests;

/// <summary>What the server records: every request, what it answered, and the calls it placed; its clock and ids.</summary>
public sealed class RecordingTests
{
    /// <summary>The reference call as the client sends it: Kiota writes the fields in name order and escapes <c>+</c>.</summary>
    private const string ReferenceCallJson = """{"answer_url":"https://your-app.com/answer","from":"+919876543210","to":"+14155551234"}""";

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task Every_request_is_recorded_with_its_operation_path_tenant_body_attempt_and_answer(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var client = server.CreateClient(o => o.TenantId = "tenant_rec");

        var created = await client.Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());
        await client.Voice.Accounts[server.AccountId].Calls.GetAsync(r => r.Options.Add(new TenantOption(null)));
        await client.Account[server.AccountId].Numbers.GetAsync();

        var requests = server.Requests;
        Assert.Equal(
            [
                (TryVoxOperation.CreateCall, "POST", "/v1/voice/accounts/AC123456/calls", "tenant_rec", ReferenceCallJson, 201),
                (TryVoxOperation.ListCalls, "GET", "/v1/voice/accounts/AC123456/calls", null, "", 200),
                (TryVoxOperation.ListNumbers, "GET", "/v1/account/AC123456/numbers", "tenant_rec", "", 200),
            ],
            requests.Select(r => (r.Operation, r.Method, r.Path, r.TenantId, r.Body, r.StatusCode)));
        Assert.All(requests, r => Assert.Equal(1, r.Attempt));
        Assert.All(requests, r => Assert.Null(r.Fault));
        Assert.Equal([created!.Id, null, null], requests.Select(r => r.PlacedCallId));
        Assert.StartsWith($$"""{"id":"{{created.Id}}","from":"+919876543210",""", requests[0].ResponseBody, StringComparison.Ordinal);
        Assert.Equal("""{"data":[]}""", requests[1].ResponseBody);
        Assert.Equal(
            [new PlacedCall(created.Id!, "AC123456", "tenant_rec", "+919876543210", "+14155551234", "https://your-app.com/answer", created.CreatedAt!.Value)],
            server.PlacedCalls);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_retried_call_is_recorded_once_per_attempt_and_placed_once(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), requests: 2);

        var created = await server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());

        Assert.Equal([(1, 429, null), (2, 429, null), (3, 201, created!.Id)], server.Requests.Select(r => (r.Attempt, r.StatusCode, r.PlacedCallId)));
        Assert.All(server.Requests, r => Assert.Equal(ReferenceCallJson, r.Body));
        Assert.Equal([created.Id], server.PlacedCalls.Select(c => (string?)c.Id));
    }

    [Fact]
    public async Task A_request_that_did_not_come_through_the_kits_handler_is_recorded_without_an_attempt()
    {
        await using var server = await Servers.StartAsync(TryVoxTestServerMode.Loopback);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl.AbsoluteUri.TrimEnd('/') + "/") };
        using var request = Servers.RawRequest(HttpMethod.Get, $"account/{server.AccountId}/numbers", server.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal("""{"data":[{"e164":"+919876543210","country":"IN","status":"active"},{"e164":"+14155550100","country":"US","status":"active"}]}""",
            await response.Content.ReadAsStringAsync());
        var recorded = Assert.Single(server.Requests);
        Assert.Equal((TryVoxOperation.ListNumbers, (int?)null, (int?)200), (recorded.Operation, recorded.Attempt, recorded.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_request_of_another_client_through_the_kits_handler_is_a_first_attempt(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        using var http = server.CreateHttpClient();
        using var request = Servers.RawRequest(HttpMethod.Get, $"account/{server.AccountId}/numbers", server.ApiKey);

        using var response = await http.SendAsync(request);

        var recorded = Assert.Single(server.Requests);
        Assert.Equal((TryVoxOperation.ListNumbers, (int?)1, (int?)200), (recorded.Operation, recorded.Attempt, recorded.StatusCode));
    }

    [Fact]
    public async Task The_api_key_appears_in_no_recording()
    {
        await using var server = await TryVoxTestServer.StartAsync();
        await server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());
        await Assert.ThrowsAsync<Models.TryVoxError>(() => server.CreateClient(o => o.ApiKey = "tvx_sk_test_wrong_key").Account[server.AccountId].Numbers.GetAsync());

        var recordings = string.Join('\n', server.Requests.Select(r => r.ToString()).Concat(server.PlacedCalls.Select(c => c.ToString())));

        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain(server.ApiKey, recordings, StringComparison.Ordinal);
        Assert.DoesNotContain("tvx_sk_test_wrong_key", recordings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Created_at_comes_from_the_given_clock_and_ids_are_sequential_when_asked_for()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { TimeProvider = clock, SequentialIds = true });
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;

        var first = await calls.PostAsync(Servers.ReferenceCall());
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await calls.PostAsync(Servers.ReferenceCall());
        var listed = await calls.GetAsync();

        Assert.Equal([("call_0001", "2026-01-01T12:00:00+00:00"), ("call_0002", "2026-01-01T12:05:00+00:00")],
            listed!.Data!.Select(c => (c.Id, c.CreatedAt!.Value.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal([first!.Id, second!.Id], server.PlacedCalls.Select(c => (string?)c.Id));
        Assert.Equal([clock.Start, clock.Start.AddMinutes(5)], server.PlacedCalls.Select(c => c.CreatedAt));
    }

    [Fact]
    public async Task Ids_are_random_by_default()
    {
        await using var server = await TryVoxTestServer.StartAsync();
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;

        var ids = new[] { (await calls.PostAsync(Servers.ReferenceCall()))!.Id, (await calls.PostAsync(Servers.ReferenceCall()))!.Id };

        Assert.All(ids, id => Assert.Matches("^call_[0-9a-f]{16}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }
}
