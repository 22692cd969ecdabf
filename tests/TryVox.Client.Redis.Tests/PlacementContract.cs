using System.Text;
using TryVox.Client.Authentication;
using TryVox.Client.Models;
using TryVox.Client.Placement;
using TryVox.Client.Testing;

namespace TryVox.Client.Redis.Tests;

/// <summary>
/// What every placement ledger must do, run over each of them (<see cref="InProcessLedgerContract"/>,
/// <see cref="RedisLedgerContract"/>): the ledger's own operations, then the client's promises over it, against the
/// test kit on 127.0.0.1. Each test has an account, key and ledger namespace of its own.
/// </summary>
public abstract class PlacementContract : IAsyncLifetime
{
    private const string From = "+919876543210";

    private TryVoxTestServer _server = null!;
    private string _apiKey = null!;

    protected string AccountId { get; } = "AC" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected IPlacementLedger Ledger { get; private set; } = null!;

    /// <summary>A ledger over the same records as <see cref="Ledger"/>, as another process would have it.</summary>
    protected abstract Task<IPlacementLedger> OpenLedgerAsync(TimeSpan? retention = null);

    public async Task InitializeAsync()
    {
        _server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });
        _apiKey = _server.AddAccount(AccountId, new PhoneNumber { E164 = From, Country = "IN" });
        Ledger = await OpenLedgerAsync();
    }

    public virtual async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_claim_is_stored_once_and_every_later_claim_gets_the_first_record_back_whole()
    {
        var first = Record(PlacementState.Placed, "owner-1", body: "{\"id\":\"call_1\"}");

        Assert.Null(await Ledger.ClaimAsync("k1", first));
        var again = await Ledger.ClaimAsync("k1", Record(PlacementState.InFlight, "owner-2"));

        AssertSame(first, again);
        AssertSame(first, await Ledger.GetAsync("k1"));
        AssertSame(first, await (await OpenLedgerAsync()).GetAsync("k1"));
        Assert.Null(await Ledger.GetAsync("k2"));
    }

    [Fact]
    public async Task Of_many_concurrent_claims_of_one_key_exactly_one_is_stored()
    {
        var other = await OpenLedgerAsync();
        var claims = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? Ledger : other).ClaimAsync("race", Record(PlacementState.InFlight, $"owner-{i}")).AsTask());

        var results = await Task.WhenAll(claims);

        Assert.Single(results, r => r is null);
        var winner = (await Ledger.GetAsync("race"))!.Owner;
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(winner, r!.Owner));
    }

    [Fact]
    public async Task Only_the_holder_replaces_or_releases_a_record_and_a_placed_record_is_final()
    {
        await Ledger.ClaimAsync("k", Record(PlacementState.InFlight, "holder"));

        Assert.False(await Ledger.ReplaceAsync("k", "other", Record(PlacementState.Unknown, "other")));
        Assert.False(await Ledger.ReleaseAsync("k", "other"));
        Assert.False(await Ledger.ReplaceAsync("missing", "holder", Record(PlacementState.Unknown, "holder")));
        Assert.Equal("holder", (await Ledger.GetAsync("k"))!.Owner);

        var unknown = Record(PlacementState.Unknown, "next-holder");
        Assert.True(await Ledger.ReplaceAsync("k", "holder", unknown));
        AssertSame(unknown, await Ledger.GetAsync("k"));

        var placed = Record(PlacementState.Placed, "next-holder", body: "{}");
        Assert.True(await Ledger.ReplaceAsync("k", "next-holder", placed));
        Assert.False(await Ledger.ReplaceAsync("k", "next-holder", Record(PlacementState.InFlight, "next-holder")));
        Assert.False(await Ledger.ReleaseAsync("k", "next-holder"));
        AssertSame(placed, await Ledger.GetAsync("k"));
    }

    [Fact]
    public async Task A_released_key_can_be_claimed_again()
    {
        await Ledger.ClaimAsync("k", Record(PlacementState.InFlight, "holder"));

        Assert.True(await Ledger.ReleaseAsync("k", "holder"));

        Assert.Null(await Ledger.GetAsync("k"));
        Assert.Null(await Ledger.ClaimAsync("k", Record(PlacementState.InFlight, "next")));
    }

    [Fact]
    public async Task A_record_expires_after_the_retention_and_the_key_is_free_again()
    {
        var ledger = await OpenLedgerAsync(retention: TimeSpan.FromMilliseconds(200));
        await ledger.ClaimAsync("k", Record(PlacementState.Placed, "holder", body: "{}"));

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Null(await ledger.GetAsync("k"));
        Assert.Null(await ledger.ClaimAsync("k", Record(PlacementState.InFlight, "next")));
    }

    [Fact]
    public async Task The_same_key_again_returns_the_recorded_call_without_sending_and_says_it_was_replayed()
    {
        using var meters = new PlacementMeters(TryVoxApiKey.Parse(_apiKey).Hint[^4..]);
        var first = new PlacementKey("campaign-42/+14155551234");
        var again = new PlacementKey("campaign-42/+14155551234");

        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(first));
        var replayed = await Calls().PostAsync(Call("a"), r => r.Options.Add(again));

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", $"/v1/voice/accounts/{AccountId}/calls", 201), (request.Method, request.Path, request.StatusCode));
        Assert.Equal(Assert.Single(_server.PlacedCalls).Id, placed!.Id);
        Assert.Equal(Json(placed), Json(replayed!));
        Assert.Equal(request.ResponseBody, Encoding.UTF8.GetString((await RecordOf(again)).Body.Span));
        Assert.Equal((false, true), (first.Replayed, again.Replayed));
        Assert.Equal(first.RecordedAt, again.RecordedAt);
        Assert.Equal([1L, 1, 0, 0, 0, 0], meters.Counts());
    }

    [Fact]
    public async Task Another_process_with_the_same_ledger_gets_the_recorded_call_and_sends_nothing()
    {
        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        var otherLedger = await OpenLedgerAsync();
        using var otherProcess = Client(o => o.Placement.Ledger = otherLedger);
        var key = new PlacementKey("job-1");

        var replayed = await otherProcess.Voice.Accounts[AccountId].Calls.PostAsync(Call("a"), r => r.Options.Add(key));

        Assert.True(key.Replayed);
        Assert.Equal(placed!.Id, replayed!.Id);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_before_anything_is_sent()
    {
        using var meters = new PlacementMeters(TryVoxApiKey.Parse(_apiKey).Hint[^4..]);
        await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        var refused = await Assert.ThrowsAsync<TryVoxPlacementException>(() =>
            Calls().PostAsync(Call("b"), r => r.Options.Add(new PlacementKey("job-1"))));

        Assert.Equal((PlacementFailure.Conflict, "job-1", false, 0), (refused.Reason, refused.Key, refused.OutcomeUnknown, refused.Attempts));
        Assert.StartsWith("The placement key \"job-1\" was first used with another request body, at ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("a placement key stands for one call. Nothing was sent. Use a new key for another call; the same body with this key returns the first one's call.",
            refused.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Equal([1L, 0, 1, 0, 0, 0], meters.Counts());
    }

    [Fact]
    public async Task The_same_key_under_another_tenant_or_api_key_is_another_placement()
    {
        var otherKey = _server.AddAccount(AccountId + "9", new PhoneNumber { E164 = From, Country = "IN" });

        await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        await Client().WithTenant("tenant_b").Voice.Accounts[AccountId].Calls.PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        using var other = Client(o => o.ApiKey = otherKey);
        await other.Voice.Accounts[AccountId + "9"].Calls.PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        Assert.Equal([(AccountId, null), (AccountId, "tenant_b"), (AccountId + "9", null)], _server.PlacedCalls.Select(c => (c.AccountId, c.TenantId)));
    }

    [Fact]
    public async Task A_refused_create_releases_the_key_so_a_corrected_body_can_be_placed_under_it()
    {
        var invalid = new CreateCallRequest { From = "+10000000000", To = "+14155551234", AnswerUrl = "https://example.test/answer" };

        var refused = await Assert.ThrowsAsync<TryVoxError>(() => Calls().PostAsync(invalid, r => r.Options.Add(new PlacementKey("job-1"))));
        await Assert.ThrowsAsync<TryVoxError>(() => Calls().PostAsync(invalid, r => r.Options.Add(new PlacementKey("job-1"))));
        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        Assert.Equal((400, false), (refused.ResponseStatusCode, refused.OutcomeUnknown));
        Assert.Equal([400, 400, 201], _server.Requests.Select(r => r.StatusCode));
        Assert.Equal(placed!.Id, Assert.Single(_server.PlacedCalls).Id);
        Assert.Equal(PlacementState.Placed, (await Ledger.GetAsync(await LedgerKeyAsync("job-1")))!.State);
    }

    [Fact]
    public async Task A_429_is_retried_under_the_claim_and_the_call_recorded_once()
    {
        _server.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.Zero));

        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        var replayed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        Assert.Equal([429, 201], _server.Requests.Select(r => r.StatusCode));
        Assert.Equal(placed!.Id, replayed!.Id);
    }

    [Fact]
    public async Task A_call_placed_whose_answer_was_lost_is_found_by_the_next_request_and_replayed()
    {
        using var meters = new PlacementMeters(TryVoxApiKey.Parse(_apiKey).Hint[^4..]);
        _server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.DropConnectionAfterActing(), times: 1);

        var lost = await Assert.ThrowsAsync<TryVoxNetworkException>(() => Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1"))));
        var key = new PlacementKey("job-1");
        var found = await Calls().PostAsync(Call("a"), r => r.Options.Add(key));

        Assert.True(lost.OutcomeUnknown);
        Assert.Equal(Assert.Single(_server.PlacedCalls).Id, found!.Id);
        Assert.Equal([("POST", (int?)null), ("GET", 200)], _server.Requests.Select(r => (r.Method, r.StatusCode)));
        Assert.True(key.Replayed);
        var record = (await Ledger.GetAsync(await LedgerKeyAsync("job-1")))!;
        Assert.Equal((PlacementState.Placed, 200), (record.State, record.Status));
        Assert.Equal(found.Id, Json(record.Body).RootElement.GetProperty("id").GetString());
        Assert.Equal([1L, 1, 0, 0, 1, 0], meters.Counts());
        Assert.Equal(["outcome_unknown"], meters.UnresolvedReasons());

        await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_outcome_the_listing_does_not_show_is_unresolved_until_the_listing_delay_has_passed_then_placed()
    {
        using var meters = new PlacementMeters(TryVoxApiKey.Parse(_apiKey).Hint[^4..]);
        _server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503), times: 1);
        await Assert.ThrowsAsync<TryVoxError>(() => Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1"))));

        using var patient = Client(o => o.Placement.ListingDelay = TimeSpan.FromHours(1));
        var unresolved = await Assert.ThrowsAsync<TryVoxPlacementException>(() =>
            patient.Voice.Accounts[AccountId].Calls.PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1"))));
        Assert.Equal((PlacementFailure.Unresolved, true, 0), (unresolved.Reason, unresolved.OutcomeUnknown, unresolved.Attempts));
        Assert.InRange(unresolved.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Contains("and the calls listing does not show its call yet. Nothing was sent. A call missing from the listing counts as not placed from ", unresolved.Message, StringComparison.Ordinal);
        Assert.Equal(PlacementState.Unknown, (await Ledger.GetAsync(await LedgerKeyAsync("job-1")))!.State);

        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        Assert.Equal([("POST", 503), ("GET", 200), ("GET", 200), ("POST", 201)], _server.Requests.Select(r => (r.Method, r.StatusCode ?? 0)));
        Assert.Equal(placed!.Id, Assert.Single(_server.PlacedCalls).Id);
        Assert.Equal([2L, 0, 0, 0, 2, 0], meters.Counts());
        Assert.Equal(["outcome_unknown", "listing_delay"], meters.UnresolvedReasons());
    }

    [Fact]
    public async Task A_repeat_waits_for_the_placement_in_flight_and_fails_naming_the_key_and_how_long_it_is_held()
    {
        using var meters = new PlacementMeters(TryVoxApiKey.Parse(_apiKey).Hint[^4..]);
        var key = await LedgerKeyAsync("job-1");
        var claimed = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30);
        await Ledger.ClaimAsync(key, Record(PlacementState.InFlight, "elsewhere", fingerprint: await FingerprintAsync(Call("a"))) with
        {
            ClaimedAt = claimed, Until = DateTimeOffset.UtcNow + TimeSpan.FromHours(1),
        });

        using var brief = Client(o => o.Placement.InFlightWait = TimeSpan.FromMilliseconds(300));
        var held = await Assert.ThrowsAsync<TryVoxPlacementException>(() =>
            brief.Voice.Accounts[AccountId].Calls.PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1"))));

        Assert.Equal((PlacementFailure.InFlight, "job-1", true), (held.Reason, held.Key, held.OutcomeUnknown));
        Assert.InRange(held.HeldFor!.Value, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
        Assert.StartsWith($"The placement key \"job-1\" is held by a placement in flight since {claimed.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (", held.Message, StringComparison.Ordinal);
        Assert.EndsWith("s ago); this request waited 0.3 s (PlacementOptions.InFlightWait) and sent nothing. Try again later: the key then returns that " +
            "placement's call, or is free again if it placed none.", held.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.Equal([0L, 0, 0, 1, 0, 0], meters.Counts());
    }

    [Fact]
    public async Task A_repeat_that_waits_gets_the_call_once_the_placement_in_flight_records_it()
    {
        var key = await LedgerKeyAsync("job-1");
        var fingerprint = await FingerprintAsync(Call("a"));
        await Ledger.ClaimAsync(key, Record(PlacementState.InFlight, "elsewhere", fingerprint: fingerprint));
        var placedKey = new PlacementKey("job-1");

        using var patient = Client(o => o.Placement.InFlightWait = TimeSpan.FromSeconds(60));
        var waiting = patient.Voice.Accounts[AccountId].Calls.PostAsync(Call("a"), r => r.Options.Add(placedKey));
        await Task.Delay(200);
        var call = """{"id":"call_elsewhere","from":"+919876543210","to":"+14155551234","status":"queued"}""";
        Assert.True(await Ledger.ReplaceAsync(key, "elsewhere", Record(PlacementState.Placed, "elsewhere", fingerprint: fingerprint, body: call)));

        Assert.Equal("call_elsewhere", (await waiting)!.Id);
        Assert.True(placedKey.Replayed);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_claim_whose_holder_is_gone_is_looked_up_after_its_lease_and_placed_when_the_listing_shows_nothing()
    {
        var key = await LedgerKeyAsync("job-1");
        var past = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5);
        await Ledger.ClaimAsync(key, Record(PlacementState.InFlight, "crashed", fingerprint: await FingerprintAsync(Call("a"))) with { ClaimedAt = past, Until = past });

        var placed = await Calls().PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")));

        Assert.Equal(["GET", "POST"], _server.Requests.Select(r => r.Method));
        Assert.Equal(placed!.Id, Assert.Single(_server.PlacedCalls).Id);
    }

    [Fact]
    public async Task Many_concurrent_requests_with_one_key_place_one_call_and_all_get_it()
    {
        using var patient = Client(o => o.Placement.InFlightWait = TimeSpan.FromSeconds(30));
        var calls = patient.Voice.Accounts[AccountId].Calls;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => calls.PostAsync(Call("a"), r => r.Options.Add(new PlacementKey("job-1")))));

        var placed = Assert.Single(_server.PlacedCalls);
        Assert.All(results, r => Assert.Equal(placed.Id, r!.Id));
        Assert.Single(_server.Requests);
    }

    /// <summary>What the client names <paramref name="key"/> in the ledger: found by placing a call under it on a ledger of its own.</summary>
    protected async Task<string> LedgerKeyAsync(string key)
    {
        var probe = new RecordingLedger();
        using var client = Client(o => o.Placement.Ledger = probe);
        await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Voice.Accounts[AccountId].Calls.PostAsync(Call("probe"), r => r.Options.Add(new PlacementKey(key))));
        return probe.LastKey!;
    }

    private async Task<string> FingerprintAsync(CreateCallRequest body)
    {
        var probe = new RecordingLedger();
        using var client = Client(o => o.Placement.Ledger = probe);
        await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Voice.Accounts[AccountId].Calls.PostAsync(body, r => r.Options.Add(new PlacementKey("probe"))));
        return probe.LastClaim!.Fingerprint;
    }

    private async Task<PlacementRecord> RecordOf(PlacementKey key) => (await Ledger.GetAsync(await LedgerKeyAsync(key.Value)))!;

    private Voice.Accounts.Item.Calls.CallsRequestBuilder Calls() => Client().Voice.Accounts[AccountId].Calls;

    protected TryVoxClient Client(Action<TryVoxClientOptions>? configure = null) => _server.CreateClient(o =>
    {
        o.ApiKey = _apiKey;
        o.Retry = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(1) };
        o.Placement = new PlacementOptions { Ledger = Ledger, ListingDelay = TimeSpan.Zero, InFlightWait = TimeSpan.FromSeconds(5) };
        configure?.Invoke(o);
    });

    protected static CreateCallRequest Call(string job) => new() { From = From, To = "+14155551234", AnswerUrl = $"https://example.test/answer?job={job}" };

    protected static PlacementRecord Record(PlacementState state, string owner, string fingerprint = "0123456789abcdef0123456789abcdef", string? body = null) => new()
    {
        State = state,
        Fingerprint = fingerprint,
        Owner = owner,
        ClaimedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        Until = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) + TimeSpan.FromMinutes(2),
        Status = body is null ? 0 : 201,
        Body = body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
    };

    private static void AssertSame(PlacementRecord expected, PlacementRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Body = default }, actual with { Body = default });
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
    }

    private static string Json(Call call)
    {
        using var writer = new Microsoft.Kiota.Serialization.Json.JsonSerializationWriter();
        writer.WriteObjectValue(null, call);
        using var reader = new StreamReader(writer.GetSerializedContent());
        return reader.ReadToEnd();
    }

    private static System.Text.Json.JsonDocument Json(ReadOnlyMemory<byte> body) => System.Text.Json.JsonDocument.Parse(body);

    /// <summary>
    /// A ledger that records the key and claim it is given and answers with a placed record that cannot be read, so that
    /// nothing is sent through it and no placement counter moves.
    /// </summary>
    private sealed class RecordingLedger : IPlacementLedger
    {
        public string? LastKey { get; private set; }

        public PlacementRecord? LastClaim { get; private set; }

        public ValueTask<PlacementRecord?> ClaimAsync(string key, PlacementRecord claim, CancellationToken cancellationToken = default)
        {
            (LastKey, LastClaim) = (key, claim);
            return new(claim with { State = PlacementState.Placed, Body = "not json"u8.ToArray() });
        }

        public ValueTask<PlacementRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not used");

        public ValueTask<bool> ReplaceAsync(string key, string owner, PlacementRecord record, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not used");

        public ValueTask<bool> ReleaseAsync(string key, string owner, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not used");
    }
}

/// <summary>The contract over the in-process ledger; "another process" is another client of the same ledger.</summary>
public sealed class InProcessLedgerContract : PlacementContract
{
    private readonly InProcessPlacementLedger _ledger = new();

    protected override Task<IPlacementLedger> OpenLedgerAsync(TimeSpan? retention = null) =>
        Task.FromResult<IPlacementLedger>(retention is null ? _ledger : new InProcessPlacementLedger(retention));
}

/// <summary>The contract over Redis: each ledger opened is a connection of its own to one real redis-server, as another process's would be.</summary>
public sealed class RedisLedgerContract(RedisLedgerContract.Server redis) : PlacementContract, IClassFixture<RedisLedgerContract.Server>
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<RedisPlacementLedger> _opened = [];

    protected override Task<IPlacementLedger> OpenLedgerAsync(TimeSpan? retention = null)
    {
        var ledger = new RedisPlacementLedger(new RedisPlacementLedgerOptions
        {
            Configuration = redis.Redis.Configuration, KeyPrefix = _prefix, Retention = retention ?? TimeSpan.FromHours(24),
        });
        _opened.Add(ledger);
        return Task.FromResult<IPlacementLedger>(ledger);
    }

    public override async Task DisposeAsync()
    {
        foreach (var ledger in _opened)
        {
            await ledger.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>One redis-server for the class; every test writes under a prefix of its own.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public RedisServer Redis { get; private set; } = null!;

        public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

        public async Task DisposeAsync() => await Redis.DisposeAsync();
    }
}
