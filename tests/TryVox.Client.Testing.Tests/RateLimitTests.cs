using System.Net;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>
/// The per-account limits, in memory and on loopback. What the server refused is checked against its own recorded
/// times: a request is admitted exactly when fewer than the limit were admitted in the second before it. The tests
/// send far more than a limit allows at once, so refusals happen however slow the machine; no test asserts a duration.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_request_over_the_limit_is_429_with_Retry_After_in_seconds_and_the_spec_error_body(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode, o => o.RequestsPerSecond = 1);
        using var http = server.CreateHttpClient();

        HttpResponseMessage refused;
        do
        {
            using var request = Servers.RawRequest(HttpMethod.Get, $"account/{server.AccountId}/numbers", server.ApiKey);
            refused = await http.SendAsync(request);
        }
        while (refused.StatusCode == HttpStatusCode.OK && server.Requests.Count < 10);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"error":{"code":"RATE_LIMITED","message":"Too many requests: account AC123456 is limited to 1 per second (TryVoxTestServerOptions.RequestsPerSecond); retry after 1 s"}}""",
            await refused.Content.ReadAsStringAsync());
        var last = server.Requests[^1];
        Assert.Equal((429, (TryVoxFault?)null), (last.StatusCode, last.Fault));
        refused.Dispose();
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task Creates_over_the_calls_limit_are_refused_unplaced_exactly_when_the_limit_was_reached_in_the_second_before(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode, o => o.CallsPerSecond = 3);
        var calls = server.CreateClient(o => o.Retry = RetryPolicy.None).Voice.Accounts[server.AccountId].Calls;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Record.ExceptionAsync(() => calls.PostAsync(Servers.ReferenceCall($"+1415555{i:D4}")))));
        await calls.GetAsync();

        var requests = server.Requests;
        var creates = requests.Where(r => r.Operation == TryVoxOperation.CreateCall).ToList();
        Assert.All(outcomes.OfType<TryVoxError>(), e => Assert.Equal((429, "RATE_LIMITED", 1, TimeSpan.FromSeconds(1)), (e.ResponseStatusCode, e.Code, e.Attempts, e.RetryAfter)));
        Assert.Equal(creates.Count(r => r.StatusCode == 201), server.PlacedCalls.Count);
        Assert.Equal(outcomes.Count(o => o is null), server.PlacedCalls.Count);
        Assert.Contains(creates, r => r.StatusCode == 429);
        Assert.All(creates.Where(r => r.StatusCode == 429), r => Assert.Null(r.PlacedCallId));
        AssertAdmittedExactlyWithinTheLimit(creates, 3, nameof(TryVoxTestServerOptions.CallsPerSecond));
        Assert.Equal(200, requests.Single(r => r.Operation == TryVoxOperation.ListCalls).StatusCode);
    }

    [Fact]
    public async Task The_requests_limit_counts_every_operation_and_the_calls_limit_creates_only()
    {
        await using var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { RequestsPerSecond = 4, CallsPerSecond = 2 });
        var client = server.CreateClient(o => o.Retry = RetryPolicy.None);
        var calls = client.Voice.Accounts[server.AccountId].Calls;

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Record.ExceptionAsync(() => (i % 3) switch
        {
            0 => calls.PostAsync(Servers.ReferenceCall()),
            1 => calls.GetAsync(),
            _ => client.Account[server.AccountId].Numbers.GetAsync(),
        })));

        var requests = server.Requests;
        AssertAdmittedExactlyWithinTheLimit(requests, 4, nameof(TryVoxTestServerOptions.RequestsPerSecond));
        AssertAdmittedExactlyWithinTheLimit(requests.Where(r => r.Operation == TryVoxOperation.CreateCall).ToList(), 2, nameof(TryVoxTestServerOptions.CallsPerSecond));
        Assert.Contains(requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task Each_account_has_its_own_limit_and_a_request_with_an_unknown_key_counts_against_none()
    {
        await using var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { RequestsPerSecond = 1 });
        var otherKey = server.AddAccount("AC777777");
        using var http = server.CreateHttpClient();

        async Task<int> Status(string account, string key)
        {
            using var request = Servers.RawRequest(HttpMethod.Get, $"account/{account}/numbers", key);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        // However long each takes, an account's first request of a second is admitted: none of the others counts for it.
        Assert.Equal(401, await Status(server.AccountId, "tvx_sk_test_unknown_key_0001"));
        Assert.Equal(200, await Status(server.AccountId, server.ApiKey));
        Assert.Equal(200, await Status("AC777777", otherKey));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task The_client_waits_out_Retry_After_and_every_call_is_placed_once(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode, o => o.CallsPerSecond = 4);
        var calls = server.CreateClient(o => o.Retry = new RetryPolicy { MaxRetries = RetryPolicy.MaxRetriesLimit }).Voice.Accounts[server.AccountId].Calls;

        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => calls.PostAsync(Servers.ReferenceCall($"+1415555{i:D4}"))));

        var requests = server.Requests;
        Assert.Equal(created.Select(c => c!.Id).Order(), server.PlacedCalls.Select(c => (string?)c.Id).Order());
        Assert.Equal(12, requests.Count(r => r.StatusCode == 201));
        Assert.Contains(requests, r => r.StatusCode == 429);
        Assert.All(requests.GroupBy(r => r.Body), sent => Assert.Equal(Enumerable.Range(1, sent.Count()), sent.Select(r => r.Attempt!.Value).Order()));
        AssertAdmittedExactlyWithinTheLimit(requests, 4, nameof(TryVoxTestServerOptions.CallsPerSecond));
    }

    /// <summary>
    /// By the server's recorded times, the requests of <paramref name="limited"/> were admitted (anything but 429)
    /// exactly within <paramref name="limit"/>: no closed window of one second holds more than the limit admitted, and
    /// each refusal by the limit named <paramref name="option"/> came when the second before it held exactly the limit.
    /// </summary>
    private static void AssertAdmittedExactlyWithinTheLimit(IReadOnlyList<RecordedRequest> limited, int limit, string option)
    {
        var admitted = limited.Where(r => r.StatusCode != 429).Select(r => r.ReceivedAt).ToList();
        int InTheSecondUpTo(DateTimeOffset at) => admitted.Count(other => other <= at && at - other <= Second);

        Assert.All(admitted, at => Assert.True(InTheSecondUpTo(at) <= limit, $"{InTheSecondUpTo(at)} admitted in the second up to {at:O}"));
        Assert.All(limited.Where(r => r.StatusCode == 429 && r.ResponseBody!.Contains($"(TryVoxTestServerOptions.{option})", StringComparison.Ordinal)),
            refused => Assert.True(InTheSecondUpTo(refused.ReceivedAt) == limit, $"Refused at {refused.ReceivedAt:O} with {InTheSecondUpTo(refused.ReceivedAt)} admitted in the second up to it"));
    }
}
