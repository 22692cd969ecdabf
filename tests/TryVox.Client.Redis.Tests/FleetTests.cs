using System.Diagnostics;
using System.Reflection;
using System.Text;
using StackExchange.Redis;
using TryVox.Client.Testing;
using Xunit.Abstractions;

namespace TryVox.Client.Redis.Tests;

[CollectionDefinition(nameof(FleetTests), DisableParallelization = true)]
public sealed class FleetRuns;

/// <summary>
/// Four dialer workers (samples/TryVox.Fleet.Dialer, real processes) take 2,000 jobs, a tenth of them duplicates, from a
/// Redis stream and place them against the test kit on 127.0.0.1. One worker is killed (SIGKILL) mid-run, so its pending
/// jobs go to the others; Redis is killed and started again on its append-only file. With placement keys every job key is
/// placed once; without, the same run places duplicates. The figures are printed.
/// </summary>
[Collection(nameof(FleetTests))]
public sealed class FleetTests(ITestOutputHelper output)
{
    private const int DistinctJobs = 1_800;
    private const int DuplicateJobs = 200;
    private const int LostAnswers = 10;
    private const int Unavailable = 10;
    private const string Stream = "tryvox:jobs";
    private const string Outcomes = "tryvox:outcomes";

    private static readonly string DialerDll = typeof(FleetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DialerDll").Value!;

    [Fact]
    public async Task With_placement_keys_every_job_key_is_placed_once_across_a_worker_kill_and_a_redis_restart()
    {
        var jobs = Jobs();
        var run = await RunFleetAsync(jobs, useKeys: true);

        Assert.Equal(0, run.Duplicates);
        Assert.Equal(jobs.Select(j => j.Id).Order(), run.Outcomes.Keys.Order());
        var refusedKeys = jobs.Where(j => j.Refused).Select(j => j.Key).ToHashSet();
        foreach (var key in jobs.Select(j => j.Key).Distinct())
        {
            var placements = run.PlacedPerKey.GetValueOrDefault(key);
            var ended = run.KeyOutcome(key);
            if (refusedKeys.Contains(key))
            {
                Assert.Equal(("refused", 0), (ended, placements));
            }
            else if (ended == "unresolved")
            {
                Assert.Contains(key, run.KillWindowKeys);
                Assert.InRange(placements, 0, 1);
            }
            else
            {
                Assert.Equal(("placed", 1), (ended, placements));
            }
        }
    }

    [Fact]
    public async Task Without_placement_keys_the_same_run_places_the_duplicates_the_queue_delivers()
    {
        var jobs = Jobs();
        var run = await RunFleetAsync(jobs, useKeys: false);

        // Every delivery of a valid job places a call: each duplicate in the queue, and each create whose answer was lost and that was delivered again.
        var duplicatedValid = jobs.Count(j => !j.Refused) - jobs.Where(j => !j.Refused).Select(j => j.Key).Distinct().Count();
        Assert.InRange(run.Duplicates, duplicatedValid + LostAnswers, int.MaxValue);
        Assert.Equal(jobs.Select(j => j.Id).Order(), run.Outcomes.Keys.Order());
    }

    /// <summary>The jobs, the same every run: 1,800 keys (1 in 50 from a number not on the account, which the API refuses), 200 of them twice.</summary>
    private static List<Job> Jobs()
    {
        var random = new Random(21);
        var distinct = Enumerable.Range(1, DistinctJobs).Select(i => new Job(0, $"job-{i:D4}", $"+1415{random.Next(1_000_000, 9_999_999)}", Refused: i % 50 == 7)).ToList();
        var all = distinct.Concat(Enumerable.Range(0, DuplicateJobs).Select(_ => distinct[random.Next(DistinctJobs)])).ToList();
        return [.. all.OrderBy(_ => random.Next()).Select((job, id) => job with { Id = id })];
    }

    private async Task<FleetRun> RunFleetAsync(List<Job> jobs, bool useKeys)
    {
        var started = Stopwatch.StartNew();
        await using var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });
        // The first creates lose their answers after the call is placed; the next ones are answered 503 without one.
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.DropConnectionAfterActing(), times: LostAnswers);
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503), times: Unavailable);
        await using var redis = await RedisServer.StartAsync(persistent: true);
        using var connection = await redis.ConnectAsync();
        var db = connection.GetDatabase();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var id = await db.StreamAddAsync(Stream, [new("key", job.Key), new("from", job.Refused ? "+10000000000" : "+919876543210"), new("to", job.To),
                new("answer_url", $"https://dialer.example/answer?job={job.Key}")]);
            ids[id.ToString()] = job.Id;
        }

        var workers = Enumerable.Range(0, 4).Select(i => Worker.Start(i, server, redis, useKeys)).ToList();
        try
        {
            await WaitAsync(() => OutcomeCountAsync(db, 600), "600 outcomes", workers);
            // Killed while it holds jobs: they stay pending in its name until the others claim them.
            await WaitAsync(async () => (await db.StreamPendingMessagesAsync(Stream, "dialers", 100, "worker-0")).Length >= 3, "worker-0 holding jobs", workers);
            workers[0].Kill();
            var killWindow = (await db.StreamPendingMessagesAsync(Stream, "dialers", 1_000, "worker-0")).Select(p => jobs[ids[p.MessageId.ToString()]].Key).ToHashSet();
            Assert.NotEmpty(killWindow);

            await WaitAsync(() => OutcomeCountAsync(db, 1_200), "1,200 outcomes", workers);
            await redis.KillAsync();
            await redis.StartAgainAsync();

            await WaitAsync(async () => (await OutcomesAsync(db, ids)).Count == jobs.Count && (await db.StreamPendingAsync(Stream, "dialers")).PendingMessageCount == 0,
                "every job to end", workers);
            var run = new FleetRun(await OutcomesAsync(db, ids), jobs, server.PlacedCalls.GroupBy(c => c.AnswerUrl[(c.AnswerUrl.IndexOf("job=", StringComparison.Ordinal) + 4)..])
                .ToDictionary(g => g.Key, g => g.Count()), killWindow);
            output.WriteLine($"{(useKeys ? "with" : "without")} placement keys: {jobs.Count} jobs ({jobs.Select(j => j.Key).Distinct().Count()} keys), " +
                $"{server.PlacedCalls.Count} calls placed, {run.Duplicates} duplicates, {run.Count("refused")} keys refused, {run.Count("unresolved")} unresolved, " +
                $"{killWindow.Count} jobs pending on the killed worker, {server.Requests.Count} requests, {started.Elapsed.TotalSeconds:0} s");
            return run;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task<bool> OutcomeCountAsync(IDatabase db, int count) => await db.StreamLengthAsync(Outcomes) >= count;

    /// <summary>Each job's outcome (the last one written, when a job was delivered again after it ended), by job number.</summary>
    private static async Task<Dictionary<int, string>> OutcomesAsync(IDatabase db, Dictionary<string, int> ids)
    {
        var outcomes = new Dictionary<int, string>();
        foreach (var entry in await db.StreamRangeAsync(Outcomes))
        {
            var fields = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString());
            outcomes[ids[fields["job"]]] = fields["outcome"];
        }

        return outcomes;
    }

    /// <summary>Polls <paramref name="done"/> (Redis may be restarting) for at most 3 minutes, then fails with what the workers printed.</summary>
    private static async Task WaitAsync(Func<Task<bool>> done, string what, List<Worker> workers)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (RedisException)
            {
            }

            Assert.True(limit.Elapsed < TimeSpan.FromMinutes(3) && workers.Any(w => w.Running),
                $"Waited {limit.Elapsed.TotalSeconds:0} s for {what}. The workers printed:\n" + string.Join("\n", workers.Select(w => w.Tail())));
            await Task.Delay(100);
        }
    }

    private sealed record Job(int Id, string Key, string To, bool Refused);

    /// <summary>How a run ended: outcomes by job, calls placed by job key.</summary>
    private sealed record FleetRun(Dictionary<int, string> Outcomes, List<Job> Jobs, Dictionary<string, int> PlacedPerKey, HashSet<string> KillWindowKeys)
    {
        public int Duplicates => PlacedPerKey.Values.Sum(n => n - 1);

        /// <summary>A key's outcome: placed when any of its jobs placed or replayed its call, else refused, else unresolved.</summary>
        public string KeyOutcome(string key)
        {
            var ends = Jobs.Where(j => j.Key == key).Select(j => Outcomes[j.Id]).ToList();
            return ends.Any(e => e is "placed" or "replayed") ? "placed" : ends.Contains("refused") ? "refused" : "unresolved";
        }

        public int Count(string outcome) => Jobs.Select(j => j.Key).Distinct().Count(k => KeyOutcome(k) == outcome);
    }

    /// <summary>One dialer process: <c>dotnet TryVox.Fleet.Dialer.dll work …</c>, its output kept for failure messages.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Worker(Process process) => _process = process;

        public static Worker Start(int number, TryVoxTestServer server, RedisServer redis, bool useKeys)
        {
            Assert.True(File.Exists(DialerDll), $"Build the dialer sample first: {DialerDll} is missing.");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                DialerDll, "work", "--redis", redis.Configuration, "--base-url", server.BaseUrl.AbsoluteUri, "--account", server.AccountId, "--name", $"worker-{number}",
                "--timeout", "5", "--in-flight-wait", "1", "--listing-delay", "1", "--reclaim-after", "1", "--give-up-after", "60", "--concurrency", "4",
            }.Concat(useKeys ? [] : ["--no-keys"]))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["TRYVOX_API_KEY"] = server.ApiKey;
            var worker = new Worker(Process.Start(start)!);
            worker._process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
            worker._process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
            worker._process.BeginOutputReadLine();
            worker._process.BeginErrorReadLine();
            return worker;
        }

        public bool Running => !_process.HasExited;

        /// <summary>SIGKILL: the process ends at once, whatever it holds.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public string Tail()
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length > 2_000 ? text[^2_000..] : text;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private void Keep(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
