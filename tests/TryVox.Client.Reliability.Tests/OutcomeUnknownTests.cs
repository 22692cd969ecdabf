using TryVox.Client.Models;
using TryVox.Client.Testing;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// <c>OutcomeUnknown</c> is true exactly when a create-call may have been acted on, and <c>FindAsync</c> tells
/// which it was: on the test kit, in memory and on 127.0.0.1.
/// </summary>
public sealed class OutcomeUnknownTests
{
    public static TheoryData<TryVoxTestServerMode> BothModes => [TryVoxTestServerMode.InMemory, TryVoxTestServerMode.Loopback];

    [Theory]
    [MemberData(nameof(BothModes))]
    public async Task A_create_dropped_after_the_server_acted_is_unknown_and_FindAsync_finds_exactly_that_call(TryVoxTestServerMode mode)
    {
        await using var server = await StartAsync(mode);
        server.Faults.Next(TryVoxFault.DropConnectionAfterActing());
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() => calls.PostAsync(Wire.NewCall()));

        Assert.True(error.OutcomeUnknown);
        Assert.True(error.IsOutcomeUnknown());
        var found = await calls.FindAsync(Wire.NewCall(), started);
        Assert.Equal([Assert.Single(server.PlacedCalls).Id], found.Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public async Task A_create_dropped_before_the_server_acted_is_unknown_FindAsync_finds_nothing_and_a_second_create_places_one_call(TryVoxTestServerMode mode)
    {
        await using var server = await StartAsync(mode);
        server.Faults.Next(TryVoxFault.DropConnectionBeforeActing());
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() => calls.PostAsync(Wire.NewCall()));

        Assert.True(error.OutcomeUnknown);
        Assert.Empty(await calls.FindAsync(Wire.NewCall(), started));
        var placed = await calls.PostAsync(Wire.NewCall());
        Assert.Equal([placed!.Id], server.PlacedCalls.Select(c => (string?)c.Id));
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public async Task A_create_that_timed_out_after_it_was_sent_is_unknown(TryVoxTestServerMode mode)
    {
        await using var server = await StartAsync(mode);
        server.Faults.Next(TryVoxFault.Slow(TimeSpan.FromSeconds(30)));
        var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<TryVoxTimeoutException>(() => client.Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall()));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_create_answered_5xx_is_unknown(int status)
    {
        await using var server = await TryVoxTestServer.StartAsync();
        server.Faults.Next(TryVoxFault.Status(status));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => server.CreateClient().Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((status, true, 1), (error.ResponseStatusCode, error.OutcomeUnknown, error.Attempts));
        Assert.True(error.IsOutcomeUnknown());
    }

    [Theory]
    [InlineData(429)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    public async Task A_create_answered_4xx_with_retries_off_is_known_not_placed(int status)
    {
        await using var server = await TryVoxTestServer.StartAsync();
        server.Faults.Next(TryVoxFault.Status(status));
        var client = server.CreateClient(o => o.Retry = RetryPolicy.None);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((status, false), (error.ResponseStatusCode, error.OutcomeUnknown));
        Assert.False(error.IsOutcomeUnknown());
        Assert.Empty(server.PlacedCalls);
    }

    [Fact]
    public async Task The_servers_own_400_401_and_403_are_known_not_placed()
    {
        await using var server = await TryVoxTestServer.StartAsync();
        var otherKey = server.AddAccount("AC999999");
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;

        var invalid = await Assert.ThrowsAsync<TryVoxError>(() => calls.PostAsync(Wire.NewCall(to: "not-a-number")));
        var unauthorized = await Assert.ThrowsAsync<TryVoxError>(() =>
            server.CreateClient(o => o.ApiKey = "tvx_sk_test_unknown0key0000").Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall()));
        var forbidden = await Assert.ThrowsAsync<TryVoxError>(() =>
            server.CreateClient(o => o.ApiKey = otherKey).Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal([(400, false), (401, false), (403, false)], new[] { invalid, unauthorized, forbidden }.Select(e => (e.ResponseStatusCode, e.OutcomeUnknown)));
        Assert.Empty(server.PlacedCalls);
    }

    [Fact]
    public async Task A_create_whose_connection_was_refused_is_known_not_placed()
    {
        var client = Wire.Client(new Uri($"http://127.0.0.1:{Wire.ClosedPort()}/v1"), o => o.Retry = RetryPolicy.None);

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((HttpRequestError.ConnectionError, false), (error.HttpRequestError, error.OutcomeUnknown));
        Assert.DoesNotContain("FindAsync", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public async Task Failed_lists_never_claim_an_unknown_outcome(TryVoxTestServerMode mode)
    {
        await using var server = await StartAsync(mode);
        var client = server.CreateClient(o => (o.Retry, o.AttemptTimeout) = (RetryPolicy.None, TimeSpan.FromMilliseconds(200)));
        var calls = client.Voice.Accounts[server.AccountId].Calls;
        var failures = new List<ApiExceptionOutcome>();

        foreach (var fault in new[] { TryVoxFault.Status(503), TryVoxFault.Status(500), TryVoxFault.DropConnectionAfterActing(), TryVoxFault.Slow(TimeSpan.FromSeconds(30)) })
        {
            server.Faults.Next(fault);
            var error = await Record.ExceptionAsync(() => calls.GetAsync());
            failures.Add(new(error!.GetType().Name, ((Microsoft.Kiota.Abstractions.ApiException)error).IsOutcomeUnknown()));
        }

        Assert.Equal(
            [new("TryVoxError", false), new("TryVoxError", false), new("TryVoxNetworkException", false), new("TryVoxTimeoutException", false)],
            failures);
    }

    private static Task<TryVoxTestServer> StartAsync(TryVoxTestServerMode mode) => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = mode });

    private sealed record ApiExceptionOutcome(string Type, bool OutcomeUnknown);
}
