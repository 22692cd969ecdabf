using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using TryVox.Client;
using TryVox.Client.Placement;
using TryVox.Client.Redis;
using TryVox.Testing;

namespace TryVox.Benchmarks.Operations;

/// <summary>
/// What a placement key costs a create-call, over Kestrel on 127.0.0.1: the same create without a key (the baseline),
/// with a new key each time on the in-process ledger and on a Redis ledger (a real redis-server on 127.0.0.1), and a
/// repeat of one key on each (a replay: nothing sent).
///   dotnet run -c Release --project tests/TryVox.Benchmarks -- placement [--short]
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet disposes them in GlobalCleanup.")]
public class KeyedCreateCall
{
    private static readonly CannedCall Placed = Payloads.SampleCall();

    private readonly CannedEndpoint _endpoint = new(HttpMethod.Post, Payloads.CallsPath, 201, Payloads.Call(Placed), Payloads.CreateCallRequest);
    private Transport _transport = null!;
    private RedisServer _redis = null!;
    private RedisPlacementLedger _redisLedger = null!;
    private TryVoxClient _unkeyed = null!;
    private TryVoxClient _inProcess = null!;
    private TryVoxClient _overRedis = null!;
    private long _next;

    /// <summary>Runs these benchmarks; prints BenchmarkDotNet's summary (medians and ratios to the unkeyed create).</summary>
    public static int Run(bool quick)
    {
        var config = DefaultConfig.Instance.AddJob(quick ? Job.ShortRun : Job.Default).AddColumn(StatisticColumn.Median);
        var summary = BenchmarkRunner.Run<KeyedCreateCall>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _transport = await Transport.StartAsync(TransportKind.Kestrel, _endpoint);
        _redis = await RedisServer.StartAsync();
        // Records expire quickly, so that millions of fresh keys hold little memory in either ledger.
        _redisLedger = new RedisPlacementLedger(new RedisPlacementLedgerOptions { Configuration = _redis.Configuration, Retention = TimeSpan.FromSeconds(5) });
        _unkeyed = Client(null);
        _inProcess = Client(new InProcessPlacementLedger(TimeSpan.FromSeconds(5)));
        _overRedis = Client(_redisLedger);

        _endpoint.StartRecording();
        var placed = new[] { await Unkeyed(), await InProcessNewKey(), await RedisNewKey(), await InProcessReplay(), await RedisReplay(), await InProcessReplay(), await RedisReplay() };
        Check.Equal(5, _endpoint.StopRecording().Count, "create-calls sent by 3 creates and the first of 2 replays each");
        Check.Equal(Describe.Call(Placed), Describe.Call(placed[^1]), "the call replayed from Redis");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var client in new[] { _unkeyed, _inProcess, _overRedis })
        {
            client.Dispose();
        }

        await _redisLedger.DisposeAsync();
        await _redis.DisposeAsync();
        await _transport.DisposeAsync();
    }

    /// <summary>The create without a key.</summary>
    [Benchmark(Baseline = true)]
    public Task<Call?> Unkeyed() => _unkeyed.Voice.Accounts[Payloads.AccountId].Calls.PostAsync(Request());

    /// <summary>A new key each time, in-process: claim, send, record.</summary>
    [Benchmark]
    public Task<Call?> InProcessNewKey() => Keyed(_inProcess, NewKey());

    /// <summary>A new key each time, in Redis: two scripts (claim, record) around the send.</summary>
    [Benchmark]
    public Task<Call?> RedisNewKey() => Keyed(_overRedis, NewKey());

    /// <summary>One key again, in-process: the recorded call, nothing sent.</summary>
    [Benchmark]
    public Task<Call?> InProcessReplay() => Keyed(_inProcess, "replayed");

    /// <summary>One key again, in Redis: one script, nothing sent.</summary>
    [Benchmark]
    public Task<Call?> RedisReplay() => Keyed(_overRedis, "replayed");

    private static CreateCallRequest Request() => new() { From = Payloads.From, To = Payloads.To, AnswerUrl = Payloads.AnswerUrl };

    private static Task<Call?> Keyed(TryVoxClient client, string key) =>
        client.Voice.Accounts[Payloads.AccountId].Calls.PostAsync(Request(), r => r.Options.Add(new PlacementKey(key)));

    private string NewKey() => "bench-" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private TryVoxClient Client(IPlacementLedger? ledger) => TryVoxClientFactory.Create(new TryVoxClientOptions
    {
        ApiKey = Payloads.ApiKey,
        BaseUrl = _transport.BaseUrl,
        PrimaryHandler = _transport.CreateHandler(),
        Placement = new PlacementOptions { Ledger = ledger },
    });
}
