using System.Net;
using System.Net.Sockets;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>Each fault, in memory and on loopback: what the client sees and what the server recorded as placed.</summary>
public sealed class FaultTests
{
    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_create_answered_503_is_sent_once_and_places_nothing(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503), times: 1);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));

        Assert.Equal((503, "INTERNAL_ERROR", "503 Service Unavailable (a fault injected by TryVoxTestServer)", 1), (error.ResponseStatusCode, error.Code, error.Message, error.Attempts));
        var recorded = Assert.Single(server.Requests);
        Assert.Equal((1, 503, TryVoxFaultKind.Status), (recorded.Attempt, recorded.StatusCode, recorded.Fault!.Kind));
        Assert.Empty(server.PlacedCalls);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_429_with_Retry_After_0_is_retried_and_the_call_placed_once(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), times: 1);

        var created = await server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());

        Assert.Equal([(1, 429), (2, 201)], server.Requests.Select(r => (r.Attempt, r.StatusCode)));
        Assert.Equal([created!.Id], server.PlacedCalls.Select(c => (string?)c.Id));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task An_injected_status_carries_Retry_After_and_the_spec_error_body_on_the_wire(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.FromMilliseconds(1500)));
        using var http = server.CreateHttpClient();

        // Faults come before authentication, as a gateway's would: no key needed.
        using var response = await http.GetAsync($"account/{server.AccountId}/numbers");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("""{"error":{"code":"RATE_LIMITED","message":"429 Too Many Requests (a fault injected by TryVoxTestServer)"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_connection_dropped_before_acting_fails_the_create_once_and_places_nothing(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.DropConnectionBeforeActing());

        var failure = await Assert.ThrowsAsync<TryVoxNetworkException>(() => server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));

        AssertConnectionReset(failure);
        // The client cannot tell this drop from one after the server acted: it says so.
        Assert.True(failure.OutcomeUnknown);
        var recorded = Assert.Single(await Servers.RequestsAsync(server, 1));
        Assert.Equal((1, (int?)null, (string?)null, TryVoxFaultKind.DropConnectionBeforeActing), (recorded.Attempt, recorded.StatusCode, recorded.PlacedCallId, recorded.Fault!.Kind));
        Assert.Empty(server.PlacedCalls);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_connection_dropped_after_acting_fails_the_create_without_a_retry_though_the_call_was_placed(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.DropConnectionAfterActing(), times: 1);

        var failure = await Assert.ThrowsAsync<TryVoxNetworkException>(() => server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));

        AssertConnectionReset(failure);
        Assert.True(failure.OutcomeUnknown);
        var recorded = Assert.Single(await Servers.RequestsAsync(server, 1));
        var placed = Assert.Single(server.PlacedCalls);
        Assert.Equal((1, (int?)null, placed.Id), (recorded.Attempt, recorded.StatusCode, recorded.PlacedCallId));
        Assert.Equal(("+919876543210", "+14155551234"), (placed.From, placed.To));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_dropped_list_is_retried(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.DropConnectionBeforeActing());
        var client = server.CreateClient(o => o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1) });

        var numbers = await client.Account[server.AccountId].Numbers.GetAsync();

        Assert.Equal(2, numbers!.Data!.Count);
        Assert.Equal([(1, null), (2, 200)], (await Servers.RequestsAsync(server, 2)).Select(r => (r.Attempt, r.StatusCode)));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_malformed_success_body_surfaces_as_an_invalid_response_and_the_call_was_placed(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode, o => o.SequentialIds = true);
        server.Faults.Next(TryVoxFault.MalformedBody());

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() =>
            server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));

        Assert.Equal(201, error.ResponseStatusCode);
        var recorded = Assert.Single(server.Requests);
        Assert.Equal((1, 201, "call_0001"), (recorded.Attempt, recorded.StatusCode, recorded.PlacedCallId));
        Assert.StartsWith("""{"id":"call_0001",""", recorded.ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain("created_at", recorded.ResponseBody, StringComparison.Ordinal);
        Assert.Equal(["call_0001"], server.PlacedCalls.Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_malformed_body_fault_leaves_an_error_answer_alone(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.MalformedBody());

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall(to: "not-a-number")));

        Assert.Equal((400, "VALIDATION_ERROR"), (error.ResponseStatusCode, error.Code));
        Assert.Empty(server.PlacedCalls);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_delay_shorter_than_the_timeout_only_delays_the_answer(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.Slow(TimeSpan.FromMilliseconds(50)));

        var created = await server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());

        var recorded = Assert.Single(server.Requests);
        Assert.Equal((201, TryVoxFaultKind.Slow, TimeSpan.FromMilliseconds(50)), (recorded.StatusCode, recorded.Fault!.Kind, recorded.Fault.Delay));
        Assert.Equal([created!.Id], server.PlacedCalls.Select(c => (string?)c.Id));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_delay_longer_than_the_attempt_timeout_times_the_create_out_once_and_the_server_stops_waiting(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.Slow(TimeSpan.FromSeconds(60)));
        // The attempt must outlast the request's way to the server even on a loaded machine: an attempt that ends before
        // the server holds the request never reaches it, and the server records nothing. 2 s against a 60 s delay.
        var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));

        var timeout = await Assert.ThrowsAsync<TryVoxTimeoutException>(() => client.Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));

        Assert.Equal((1, TimeSpan.FromSeconds(2)), (timeout.Attempts, timeout.Timeout));
        // The client's give-up reaches the server, which records no answer long before the 60 s delay would end.
        var recorded = Assert.Single(await Servers.RequestsAsync(server, 1));
        Assert.Equal(((int?)null, TryVoxFaultKind.Slow), (recorded.StatusCode, recorded.Fault!.Kind));
        Assert.Empty(server.PlacedCalls);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_delay_combines_with_another_fault(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var fault = TryVoxFault.Status(500).After(TimeSpan.FromMilliseconds(20));
        server.Faults.On(TryVoxOperation.ListNumbers, fault, times: 1);

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            server.CreateClient(o => o.Retry = RetryPolicy.None).Account[server.AccountId].Numbers.GetAsync());

        Assert.Equal(500, error.ResponseStatusCode);
        Assert.Equal("status 500 after 20 ms", Assert.Single(server.Requests).Fault!.ToString());
    }

    [Fact]
    public async Task Faults_for_the_next_requests_and_for_one_operation_are_taken_in_the_order_added()
    {
        await using var server = await TryVoxTestServer.StartAsync();
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(500));
        server.Faults.Next(TryVoxFault.Status(503), requests: 2);
        var client = server.CreateClient(o => o.Retry = RetryPolicy.None);
        var calls = client.Voice.Accounts[server.AccountId].Calls;

        async Task<int> Status(Func<Task> request) => (await Record.ExceptionAsync(request)) is TryVoxError e ? e.ResponseStatusCode : 200;

        Assert.Equal(503, await Status(() => client.Account[server.AccountId].Numbers.GetAsync()));
        Assert.Equal(500, await Status(() => calls.PostAsync(Servers.ReferenceCall())));
        Assert.Equal(503, await Status(() => calls.GetAsync()));
        Assert.Equal(200, await Status(() => calls.GetAsync()));
        Assert.Equal(500, await Status(() => calls.PostAsync(Servers.ReferenceCall())));
        server.Faults.Clear();
        Assert.Equal(200, await Status(() => calls.PostAsync(Servers.ReferenceCall())));
        Assert.Single(server.PlacedCalls);
    }

    [Fact]
    public async Task Faults_that_cannot_work_are_refused_with_what_to_do()
    {
        await using var server = await TryVoxTestServer.StartAsync();
        var faults = server.Faults;

        var notAnError = Assert.Throws<ArgumentOutOfRangeException>(() => TryVoxFault.Status(200));
        var negativeWait = Assert.Throws<ArgumentOutOfRangeException>(() => TryVoxFault.Status(429, TimeSpan.FromSeconds(-1)));
        var unknown = Assert.Throws<ArgumentException>(() => faults.On("placeCall", TryVoxFault.Status(500)));
        var none = Assert.Throws<ArgumentOutOfRangeException>(() => faults.Next(TryVoxFault.Status(500), requests: 0));

        Assert.Contains("400 to 599", notAnError.Message, StringComparison.Ordinal);
        Assert.Contains("TimeSpan.Zero", negativeWait.Message, StringComparison.Ordinal);
        Assert.Contains("createCall, listCalls, listNumbers", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("requests", none.ParamName);
    }

    /// <summary>What SocketsHttpHandler reports when the server resets the connection (measured on loopback), inside the client's network failure.</summary>
    internal static void AssertConnectionReset(TryVoxNetworkException failure)
    {
        Assert.Equal(HttpRequestError.Unknown, failure.HttpRequestError);
        var io = Assert.IsType<IOException>(Assert.IsType<HttpRequestException>(failure.InnerException).InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
    }
}
