// A dialer worker: placement jobs from a Redis stream, each placed once with its job key, whatever the redeliveries.
//   dotnet run --project samples/TryVox.Fleet.Dialer -- enqueue --redis 127.0.0.1:6379 --jobs 20
//   TRYVOX_API_KEY=… dotnet run --project samples/TryVox.Fleet.Dialer -- work --redis 127.0.0.1:6379 --base-url http://127.0.0.1:4020/v1 --account AC123456
// A job is a stream entry with key, from, to and answer_url. Each job ends as one entry of the outcomes stream
// (placed, replayed, refused or unresolved), written before the job is acknowledged.
using System.Globalization;
using Microsoft.Kiota.Abstractions;
using StackExchange.Redis;
using TryVox.Client;
using TryVox.Client.Models;
using TryVox.Client.Placement;
using TryVox.Client.Redis;

var arguments = Arguments.Parse(args);
var redisConfiguration = arguments.Get("redis", "127.0.0.1:6379");
var stream = arguments.Get("stream", "tryvox:jobs");
var group = arguments.Get("group", "dialers");
var outcomes = arguments.Get("outcomes", "tryvox:outcomes");

using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
{
    EndPoints = { redisConfiguration },
    AbortOnConnectFail = false,
    BacklogPolicy = BacklogPolicy.FailFast,
});
var db = redis.GetDatabase();

if (arguments.Command == "enqueue")
{
    var jobs = int.Parse(arguments.Get("jobs", "20"), CultureInfo.InvariantCulture);
    for (var i = 1; i <= jobs; i++)
    {
        var key = $"demo-{i}";
        await db.StreamAddAsync(stream, [new("key", key), new("from", arguments.Get("from", "+919876543210")), new("to", $"+1415555{i % 10_000:D4}"),
            new("answer_url", $"https://dialer.example/answer?job={key}")]);
    }

    Console.WriteLine($"enqueued {jobs} jobs on {stream}");
    return 0;
}

if (arguments.Command != "work")
{
    Console.Error.WriteLine("usage: TryVox.Fleet.Dialer enqueue|work --redis HOST:PORT [--base-url URL --account ID] (see Program.cs)");
    return 2;
}

var name = arguments.Get("name", $"{Environment.MachineName}-{Environment.ProcessId}");
var useKeys = !arguments.Has("no-keys");
var reclaimAfter = TimeSpan.FromSeconds(double.Parse(arguments.Get("reclaim-after", "30"), CultureInfo.InvariantCulture));
var giveUpAfter = int.Parse(arguments.Get("give-up-after", "20"), CultureInfo.InvariantCulture);
var account = arguments.Get("account", "AC123456");

await using var ledger = new RedisPlacementLedger(new RedisPlacementLedgerOptions { Configuration = redisConfiguration });
using var client = new TryVoxClient(new TryVoxClientOptions
{
    BaseUrl = new Uri(arguments.Get("base-url", TryVoxClientOptions.DefaultBaseUrl.AbsoluteUri)),
    Timeout = TimeSpan.FromSeconds(double.Parse(arguments.Get("timeout", "30"), CultureInfo.InvariantCulture)),
    Placement = new PlacementOptions
    {
        Ledger = ledger,
        InFlightWait = TimeSpan.FromSeconds(double.Parse(arguments.Get("in-flight-wait", "10"), CultureInfo.InvariantCulture)),
        ListingDelay = TimeSpan.FromSeconds(double.Parse(arguments.Get("listing-delay", "120"), CultureInfo.InvariantCulture)),
    },
});
var calls = client.Voice.Accounts[account].Calls;

try
{
    await db.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true);
}
catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
{
    // Another worker made it first.
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, stop.CancelAsync());
Console.WriteLine($"{name}: working on {stream} ({(useKeys ? "with" : "without")} placement keys)");

var slots = int.Parse(arguments.Get("concurrency", "4"), CultureInfo.InvariantCulture);
await Task.WhenAll(Enumerable.Range(0, slots).Select(_ => WorkAsync(stop.Token)));
return 0;

async Task WorkAsync(CancellationToken cancellationToken)
{
    while (!cancellationToken.IsCancellationRequested)
    {
        try
        {
            // Jobs idle that long belong to a worker that died or gave up on them for now: take them over first.
            var reclaimed = await db.StreamAutoClaimAsync(stream, group, name, (long)reclaimAfter.TotalMilliseconds, "0-0", count: 5);
            var entries = reclaimed.ClaimedEntries.Length > 0 ? reclaimed.ClaimedEntries : await db.StreamReadGroupAsync(stream, group, name, ">", count: 5);
            if (entries.Length == 0)
            {
                await Task.Delay(50, cancellationToken);
            }

            foreach (var entry in entries)
            {
                await PlaceAsync(entry, cancellationToken);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is down or restarting: the jobs taken stay pending and come back.
            Console.Error.WriteLine($"{name}: redis: {e.GetType().Name}");
            await Task.Delay(200, cancellationToken);
        }
    }
}

// <snippet:placement-queue>
async Task PlaceAsync(StreamEntry entry, CancellationToken cancellationToken)
{
    var job = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString());
    var attempt = await db.HashIncrementAsync($"{stream}:attempts", entry.Id);
    var request = new CreateCallRequest { From = job["from"], To = job["to"], AnswerUrl = job["answer_url"] };
    var key = useKeys ? new PlacementKey(job["key"]) : null;
    try
    {
        var call = await calls.PostAsync(request, r =>
        {
            if (key is not null)
            {
                r.Options.Add(key);
            }
        }, cancellationToken);
        await FinishAsync(entry, job["key"], key?.Replayed == true ? "replayed" : "placed", call?.Id);
    }
    catch (TryVoxError e) when (e.ResponseStatusCode is >= 400 and < 500 and not 429)
    {
        await FinishAsync(entry, job["key"], "refused", e.Code);
    }
    catch (TryVoxPlacementException e) when (e.Reason == PlacementFailure.Conflict)
    {
        await FinishAsync(entry, job["key"], "refused", "PLACEMENT_KEY_CONFLICT");
    }
    catch (ApiException e) when (attempt >= giveUpAfter)
    {
        // Settled neither way after that many deliveries: say so, for a person to look at.
        await FinishAsync(entry, job["key"], "unresolved", e.GetType().Name);
    }
    catch (ApiException e)
    {
        // Unknown, in flight elsewhere, or the ledger is down: left pending, it comes back after reclaim-after.
        Console.Error.WriteLine($"{name}: {job["key"]} attempt {attempt}: {e.GetType().Name} {(e as TryVoxPlacementException)?.Reason}");
    }
}
// </snippet>

async Task FinishAsync(StreamEntry entry, string key, string outcome, string? detail)
{
    await db.StreamAddAsync(outcomes, [new("job", entry.Id), new("key", key), new("outcome", outcome), new("detail", detail ?? ""), new("worker", name)]);
    await db.StreamAcknowledgeAsync(stream, group, entry.Id);
}

/// <summary>A command and its <c>--name value</c> options (a bare <c>--name</c> is a flag).</summary>
internal sealed record Arguments(string Command, Dictionary<string, string> Options)
{
    public static Arguments Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
            }
        }

        return new Arguments(args.Length > 0 ? args[0] : "", options);
    }

    public string Get(string name, string fallback) => Options.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

    public bool Has(string name) => Options.ContainsKey(name);
}
