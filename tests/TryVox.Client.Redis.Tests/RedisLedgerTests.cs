using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TryVox.Client.DependencyInjection;
using TryVox.Client.Models;
using TryVox.Client.Placement;
using TryVox.Client.Testing;

namespace TryVox.Client.Redis.Tests;

/// <summary>What only the Redis ledger has to show: it fails closed, survives a restart, stores no secret, and binds from configuration.</summary>
public sealed class RedisLedgerTests : IAsyncLifetime
{
    private static readonly CreateCallRequest Call = new() { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://example.test/answer?job=1" };

    private TryVoxTestServer _server = null!;

    public async Task InitializeAsync() => _server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task With_redis_down_no_call_is_placed_and_the_failure_says_nothing_was_sent()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ledger = Open(redis, o => o.OperationTimeout = TimeSpan.FromSeconds(1));
        using var client = Client(ledger);
        await Place(client, "job-1");

        await redis.KillAsync();
        var down = await Assert.ThrowsAsync<TryVoxPlacementException>(() => Place(client, "job-2"));

        Assert.Equal((PlacementFailure.LedgerUnavailable, false, 0, "job-2"), (down.Reason, down.OutcomeUnknown, down.Attempts, down.Key));
        Assert.IsAssignableFrom<Microsoft.Kiota.Abstractions.ApiException>(down);
        Assert.StartsWith("The placement key \"job-2\" could not be claimed: the placement ledger (RedisPlacementLedger) failed: ", down.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was sent: a call is never placed without a claim. Try again once the ledger answers.", down.Message, StringComparison.Ordinal);
        Assert.NotNull(down.InnerException);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task With_redis_too_slow_to_answer_no_call_is_placed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ledger = Open(redis, o => o.OperationTimeout = TimeSpan.FromMilliseconds(500));
        using var client = Client(ledger);
        await Place(client, "job-1");
        await using var admin = await redis.ConnectAsync();

        // Redis holds every client's commands for 5 s: far beyond the ledger's 0.5 s.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "5000", "ALL");
        var slow = await Assert.ThrowsAsync<TryVoxPlacementException>(() => Place(client, "job-2"));

        Assert.Equal((PlacementFailure.LedgerUnavailable, false), (slow.Reason, slow.OutcomeUnknown));
        Assert.IsType<TimeoutException>(slow.InnerException);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_recorded_call_survives_a_redis_crash_and_restart_with_the_append_only_file()
    {
        await using var redis = await RedisServer.StartAsync(persistent: true);
        string? placedId;
        await using (var ledger = Open(redis))
        {
            using var client = Client(ledger);
            placedId = (await Place(client, "job-1"))!.Id;
        }

        await redis.KillAsync();
        await redis.StartAgainAsync();
        await using var afterRestart = Open(redis);
        using var restarted = Client(afterRestart);
        var key = new PlacementKey("job-1");
        var replayed = await restarted.Voice.Accounts[_server.AccountId].Calls.PostAsync(Call, r => r.Options.Add(key));

        Assert.True(key.Replayed);
        Assert.Equal(placedId, replayed!.Id);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Redis_holds_one_hash_per_key_under_the_prefix_and_a_namespace_hash_with_no_secret_and_the_retention_as_its_ttl()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ledger = Open(redis, o => o.Retention = TimeSpan.FromHours(2));
        using var client = Client(ledger);
        var call = await Place(client, "campaign-42/+14155551234");
        await using var admin = await redis.ConnectAsync();
        var db = admin.GetDatabase();

        var key = Assert.Single(admin.GetServer(admin.GetEndPoints()[0]).Keys(pattern: "*"));
        Assert.Matches("^tryvox:placement:[0-9a-f]{32}:campaign-42/\\+14155551234$", key.ToString());
        var fields = (await db.HashGetAllAsync(key)).ToDictionary(f => f.Name.ToString(), f => f.Value);
        Assert.Equal(["body", "claimed_at", "fingerprint", "owner", "state", "status", "until"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("placed", "201"), (fields["state"].ToString(), fields["status"].ToString()));
        Assert.Equal(_server.Requests.Single().ResponseBody, fields["body"].ToString());
        Assert.Equal(call!.Id, System.Text.Json.JsonDocument.Parse((byte[])fields["body"]!).RootElement.GetProperty("id").GetString());
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
        Assert.DoesNotContain(_server.ApiKey, string.Concat(fields.Values.Select(v => Encoding.UTF8.GetString((byte[])v!))) + key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.ApiKey[TryVox.Client.Authentication.TryVoxApiKey.SandboxPrefix.Length..], key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_binds_the_ledger_from_TryVox_Redis_and_a_named_client_from_its_own_section()
    {
        await using var redis = await RedisServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TryVox:ApiKey"] = _server.ApiKey,
            ["TryVox:BaseUrl"] = _server.BaseUrl.AbsoluteUri,
            ["TryVox:Redis:Configuration"] = redis.Configuration,
            ["TryVox:Redis:Retention"] = "01:00:00",
            ["TryVox:Placement:InFlightWait"] = "00:00:03",
            ["TryVox:billing:ApiKey"] = _server.ApiKey,
            ["TryVox:billing:BaseUrl"] = _server.BaseUrl.AbsoluteUri,
            ["TryVox:billing:TenantId"] = "billing",
            ["TryVox:billing:Redis:Configuration"] = redis.Configuration,
            ["TryVox:billing:Redis:KeyPrefix"] = "billing:placement:",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddTryVoxClient().UseRedisPlacementLedger().ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        services.AddTryVoxClient("billing").UseRedisPlacementLedger().ConfigurePrimaryHttpMessageHandler(_server.CreateHandler);
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<TryVoxClientOptions>>();
        Assert.Equal((TimeSpan.FromSeconds(3), typeof(RedisPlacementLedger)), (options.Get("").Placement.InFlightWait, options.Get("").Placement.Ledger?.GetType()));
        Assert.NotSame(options.Get("").Placement.Ledger, options.Get("billing").Placement.Ledger);

        await provider.GetRequiredService<TryVoxClient>().Voice.Accounts[_server.AccountId].Calls.PostAsync(Call, r => r.Options.Add(new PlacementKey("job-1")));
        await provider.GetRequiredKeyedService<TryVoxClient>("billing").Voice.Accounts[_server.AccountId].Calls.PostAsync(Call, r => r.Options.Add(new PlacementKey("job-1")));
        await provider.GetRequiredService<TryVoxClient>().Voice.Accounts[_server.AccountId].Calls.PostAsync(Call, r => r.Options.Add(new PlacementKey("job-1")));

        await using var admin = await redis.ConnectAsync();
        var keys = admin.GetServer(admin.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Collection(keys,
            billing => Assert.StartsWith("billing:placement:", billing, StringComparison.Ordinal),
            unnamed => Assert.StartsWith("tryvox:placement:", unnamed, StringComparison.Ordinal));
        Assert.InRange((await admin.GetDatabase().KeyTimeToLiveAsync(keys[1]))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal([null, "billing"], _server.PlacedCalls.Select(c => c.TenantId));
    }

    [Fact]
    public void Registration_without_a_redis_fails_at_startup_naming_the_setting()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        services.AddTryVoxClient("billing", o => o.ApiKey = _server.ApiKey).UseRedisPlacementLedger();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RedisPlacementLedgerOptions>>().Get("billing"));

        Assert.Equal("No Redis for the placement ledger: set TryVox:billing:Redis:Configuration (such as redis.internal:6379) or register an IConnectionMultiplexer.",
            Assert.Single(failure.Failures));
    }

    private static RedisPlacementLedger Open(RedisServer redis, Action<RedisPlacementLedgerOptions>? configure = null)
    {
        var options = new RedisPlacementLedgerOptions { Configuration = redis.Configuration };
        configure?.Invoke(options);
        return new RedisPlacementLedger(options);
    }

    private Task<Call?> Place(TryVoxClient client, string key) =>
        client.Voice.Accounts[_server.AccountId].Calls.PostAsync(Call, r => r.Options.Add(new PlacementKey(key)));

    private TryVoxClient Client(RedisPlacementLedger ledger) => _server.CreateClient(o => o.Placement = new PlacementOptions { Ledger = ledger });
}
