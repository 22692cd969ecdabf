using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.Models;
using TryVox.Client.Placement;

namespace TryVox.Client.Tests;

/// <summary>
/// The client's side of placement keys that no ledger changes: which keys and operations are accepted, what a body and a
/// key are compared by, what releases a key, and how a failing ledger fails. tests/TryVox.Client.Redis.Tests runs the
/// contract every ledger passes.
/// </summary>
public sealed class PlacementKeyTests
{
    public static TheoryData<string, string> BadKeys => new()
    {
        { "", "A placement key must be 1 to 255 characters long; this one has 0. Use an id of the call you mean to place, such as a job id or campaign-42/+14155551234. (Parameter 'value')" },
        { new string('k', 256), "A placement key must be 1 to 255 characters long; this one has 256. Use an id of the call you mean to place, such as a job id or campaign-42/+14155551234. (Parameter 'value')" },
        { "campaign 42", "A placement key holds printable ASCII only, without spaces; this one has U+0020 at position 9. Use letters, digits and punctuation, such as campaign-42/+14155551234 or a UUID. (Parameter 'value')" },
        { "job-1\n", "A placement key holds printable ASCII only, without spaces; this one has U+000A at position 6. Use letters, digits and punctuation, such as campaign-42/+14155551234 or a UUID. (Parameter 'value')" },
        { "café", "A placement key holds printable ASCII only, without spaces; this one has U+00E9 at position 4. Use letters, digits and punctuation, such as campaign-42/+14155551234 or a UUID. (Parameter 'value')" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void A_bad_placement_key_is_refused_saying_what_is_wrong(string key, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => new PlacementKey(key)).Message);

    [Fact]
    public void A_placement_key_is_1_to_255_printable_ascii_characters()
    {
        Assert.Equal("campaign-42/+14155551234", new PlacementKey("campaign-42/+14155551234").Value);
        Assert.Equal(255, new PlacementKey(new string('~', 255)).Value.Length);
        Assert.Equal("!", new PlacementKey("!").ToString());
    }

    [Fact]
    public async Task A_placement_key_on_an_operation_other_than_create_call_is_refused_before_anything_is_sent()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = Fixtures.Client(server);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(new PlacementKey("job-1"))));

        Assert.Equal("A PlacementKey applies to creating a call (POST /voice/accounts/{auth_id}/calls), not to GET /account/{account_id}/numbers: remove it from this request. (Parameter 'key')",
            refused.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_body_is_compared_by_its_canonical_json_so_the_same_request_written_another_way_is_the_same_body()
    {
        var written = BodyFingerprint.Of("""{"to":"+14155551234","from":"+919876543210","extra":{"b":[1,true,null],"a":"x"}}"""u8.ToArray());

        Assert.Matches("^[0-9a-f]{32}$", written);
        Assert.Equal(written, BodyFingerprint.Of("""  { "from" : "+919876543210", "extra": {"a":"\u0078", "b":[1, true, null]}, "to":"+14155551234" }"""u8.ToArray()));
        Assert.NotEqual(written, BodyFingerprint.Of("""{"to":"+14155551235","from":"+919876543210","extra":{"b":[1,true,null],"a":"x"}}"""u8.ToArray()));
        Assert.NotEqual(written, BodyFingerprint.Of("""{"to":"+14155551234","from":"+919876543210","extra":{"b":[true,1,null],"a":"x"}}"""u8.ToArray()));
        Assert.NotEqual(BodyFingerprint.Of("""{"n":1}"""u8.ToArray()), BodyFingerprint.Of("""{"n":1.0}"""u8.ToArray()));
        Assert.NotEqual(BodyFingerprint.Of("not json"u8.ToArray()), BodyFingerprint.Of("not json!"u8.ToArray()));
    }

    [Fact]
    public void A_key_is_named_in_the_ledger_by_a_hash_of_origin_account_tenant_and_api_key_then_the_key_itself()
    {
        var url = new Uri("https://api.tryvox.io/v1/voice/accounts/AC123456/calls");
        var apiKey = TryVoxApiKey.Parse(TestKeys.Sandbox);
        var name = LedgerKey.Of(url, "tenant_a", apiKey, new PlacementKey("job-1"));

        Assert.Matches("^[0-9a-f]{32}:job-1$", name);
        Assert.Equal(name, LedgerKey.Of(new Uri("https://api.tryvox.io/v1/voice/accounts/AC123456/calls?x=1"), "tenant_a", apiKey, new PlacementKey("job-1")));
        var namespaces = new[]
        {
            name,
            LedgerKey.Of(new Uri("https://eu.api.tryvox.io/v1/voice/accounts/AC123456/calls"), "tenant_a", apiKey, new PlacementKey("job-1")),
            LedgerKey.Of(new Uri("https://api.tryvox.io:8443/v1/voice/accounts/AC123456/calls"), "tenant_a", apiKey, new PlacementKey("job-1")),
            LedgerKey.Of(new Uri("https://api.tryvox.io/v1/voice/accounts/AC999999/calls"), "tenant_a", apiKey, new PlacementKey("job-1")),
            LedgerKey.Of(url, "tenant_b", apiKey, new PlacementKey("job-1")),
            LedgerKey.Of(url, null, apiKey, new PlacementKey("job-1")),
            LedgerKey.Of(url, "tenant_a", TryVoxApiKey.Parse(TestKeys.Live), new PlacementKey("job-1")),
        }.Select(n => n[..32]);
        Assert.Equal(7, namespaces.Distinct().Count());
        Assert.DoesNotContain("4f9a8b7c6d5e", name, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, bool> Failures => new()
    {
        { new TryVoxError { ResponseStatusCode = 400 }, true },
        { new TryVoxError { ResponseStatusCode = 429 }, true },
        { new TryVoxError { ResponseStatusCode = 503, OutcomeUnknown = true }, false },
        { new TryVoxNetworkException(new OperationFailure("POST /x", 1, OutcomeUnknown: false, null), new HttpRequestException(HttpRequestError.ConnectionError)), true },
        { new TryVoxNetworkException(new OperationFailure("POST /x", 1, OutcomeUnknown: true, null), new HttpRequestException(HttpRequestError.ResponseEnded)), false },
        { new TryVoxTimeoutException(new OperationFailure("POST /x", 1, OutcomeUnknown: true, null), new TimeoutException(), TimeSpan.FromSeconds(1)), false },
        { new TryVoxResendRefusedException(new OperationFailure("POST /x", 1, OutcomeUnknown: true, null), 503, null), false },
        { new TryVoxInvalidResponseException(new OperationFailure("POST /x", 1, OutcomeUnknown: false, null), 201, "its body is not JSON", null), false },
        { new ApiException("no error factory") { ResponseStatusCode = 404 }, true },
        { new ApiException("no error factory") { ResponseStatusCode = 500 }, false },
        { new OperationCanceledException(), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_key_is_released_only_by_a_failure_that_shows_the_server_placed_nothing(Exception failure, bool released) =>
        Assert.Equal(released, PlacementGate.NotPlaced(failure));

    [Fact]
    public async Task A_ledger_that_fails_fails_the_create_closed_with_nothing_sent()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 201, Fixtures.CallJson));
        using var client = TryVoxClientFactory.Create(Placed(server, new FailingLedger(failClaims: true)));

        var failure = await Assert.ThrowsAsync<TryVoxPlacementException>(() =>
            client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(new PlacementKey("job-1"))));

        Assert.Equal((PlacementFailure.LedgerUnavailable, false, 0), (failure.Reason, failure.OutcomeUnknown, failure.Attempts));
        Assert.Equal("The placement key \"job-1\" could not be claimed: the placement ledger (FailingLedger) failed: the ledger is down Nothing was sent: " +
            "a call is never placed without a claim. Try again once the ledger answers.", failure.Message);
        Assert.Equal("POST /voice/accounts/{auth_id}/calls", failure.Operation);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_ledger_that_fails_after_the_call_was_placed_still_returns_the_call()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 201, Fixtures.CallJson));
        using var client = TryVoxClientFactory.Create(Placed(server, new FailingLedger(failClaims: false)));
        var key = new PlacementKey("job-1");

        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(key));

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.False(key.Replayed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Clients_without_a_ledger_of_their_own_share_the_process_ledger()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 201, Fixtures.CallJson));
        var job = "shared-" + Guid.NewGuid().ToString("N");

        using (var first = Fixtures.Client(server))
        {
            await first.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(new PlacementKey(job)));
        }

        using var second = Fixtures.Client(server);
        var key = new PlacementKey(job);
        var replayed = await second.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(key));

        Assert.True(key.Replayed);
        Assert.Equal("call_7f3c2a", replayed!.Id);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_create_the_caller_cancels_after_sending_keeps_its_key_blocked_as_unknown()
    {
        var arrived = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var ledger = new InProcessPlacementLedger();
        using var client = TryVoxClientFactory.Create(Placed(server, ledger));
        using var cancel = new CancellationTokenSource();

        var sending = client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(new PlacementKey("job-1")), cancel.Token);
        await arrived.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var name = LedgerKey.Of(new Uri(server.BaseUrl, "v1/voice/accounts/AC123456/calls"), null, TryVoxApiKey.Parse(TestKeys.Sandbox), new PlacementKey("job-1"));
        Assert.Equal(PlacementState.Unknown, (await ledger.GetAsync(name))!.State);
    }

    [Fact]
    public void Placement_waits_that_are_negative_are_refused_when_the_client_is_built()
    {
        var refused = Assert.Throws<ArgumentException>(() => new TryVoxClient(new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox, Placement = new PlacementOptions { InFlightWait = TimeSpan.FromSeconds(-1) },
        }));

        Assert.Equal("PlacementOptions.InFlightWait and ListingDelay must not be negative; they are -00:00:01 and 00:02:00. (Parameter 'options')", refused.Message);
    }

    [Fact]
    public async Task The_in_process_ledger_forgets_expired_records_and_sweeps_them_as_it_writes()
    {
        var clock = new SteppedClock();
        var ledger = new InProcessPlacementLedger(TimeSpan.FromHours(1), clock);
        var record = new PlacementRecord { State = PlacementState.Placed, Fingerprint = "f", Owner = "o", ClaimedAt = clock.GetUtcNow(), Until = clock.GetUtcNow() };
        for (var i = 0; i < 1_000; i++)
        {
            await ledger.ClaimAsync($"old-{i}", record);
        }

        clock.Now += TimeSpan.FromHours(1);
        Assert.Null(await ledger.GetAsync("old-1"));
        Assert.Null(await ledger.ClaimAsync("old-1", record));
        for (var i = 0; i < 100; i++)
        {
            await ledger.ClaimAsync($"new-{i}", record);
        }

        Assert.InRange(ledger.Count, 101, 200);
        Assert.Equal(TimeSpan.FromHours(1), ledger.Retention);
    }

    private static TryVoxClientOptions Placed(LoopbackServer server, IPlacementLedger ledger)
    {
        var options = Fixtures.Fast(server);
        options.Placement = new PlacementOptions { Ledger = ledger };
        return options;
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A ledger that is down: its claims fail, or (once claimed) everything after them does.</summary>
    private sealed class FailingLedger(bool failClaims) : IPlacementLedger
    {
        public ValueTask<PlacementRecord?> ClaimAsync(string key, PlacementRecord claim, CancellationToken cancellationToken = default) =>
            failClaims ? throw new IOException("the ledger is down") : new((PlacementRecord?)null);

        public ValueTask<PlacementRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("the ledger is down");

        public ValueTask<bool> ReplaceAsync(string key, string owner, PlacementRecord record, CancellationToken cancellationToken = default) => throw new IOException("the ledger is down");

        public ValueTask<bool> ReleaseAsync(string key, string owner, CancellationToken cancellationToken = default) => throw new IOException("the ledger is down");
    }
}
