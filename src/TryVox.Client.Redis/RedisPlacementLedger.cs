using System.Globalization;
using StackExchange.Redis;
using TryVox.Client.Placement;

namespace TryVox.Client.Redis;

/// <summary>
/// A placement ledger in Redis, shared by every process that places the same keys: a key claimed by one instance is
/// held for all of them, and its call is replayed to all of them, across restarts. Each placement key is one Redis hash
/// (<c>state</c>, <c>fingerprint</c>, <c>owner</c>, <c>claimed_at</c>, <c>until</c>, <c>status</c>, <c>body</c>) under
/// <see cref="RedisPlacementLedgerOptions.KeyPrefix"/>, expiring <see cref="RedisPlacementLedgerOptions.Retention"/>
/// after its last write; each change is one Lua script, so claims and hand-overs are atomic. Run Redis with persistence
/// (<c>appendonly yes</c>) and <c>maxmemory-policy noeviction</c>: an evicted or lost claim lets its call be placed
/// again (docs/placement-keys.md).
/// </summary>
/// <example><code>
/// await using var ledger = new RedisPlacementLedger(new RedisPlacementLedgerOptions { Configuration = "redis.internal:6379" });
/// using var client = new TryVoxClient(new TryVoxClientOptions { Placement = { Ledger = ledger } });
/// </code></example>
public sealed class RedisPlacementLedger : IPlacementLedger, IAsyncDisposable, IDisposable
{
    // Stores the claim unless a record is there; returns that record (a flat name/value array), or nil once stored.
    private const string ClaimScript = """
        local held = redis.call('HGETALL', KEYS[1])
        if #held > 0 then return held end
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return nil
        """;

    // Replaces the record held by ARGV[1] unless it is placed.
    private const string ReplaceScript = """
        if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') == 'placed' then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private const string ReleaseScript = """
        if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'state') == 'placed' then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    private readonly Task<IConnectionMultiplexer> _connection;
    private readonly bool _ownsConnection;
    private readonly RedisPlacementLedgerOptions _options;
    private readonly RedisValue _retention;

    /// <summary>A ledger over <paramref name="redis"/>, a connection the application owns (and disposes).</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> cannot work.</exception>
    public RedisPlacementLedger(IConnectionMultiplexer redis, RedisPlacementLedgerOptions? options = null)
        : this(Task.FromResult(redis ?? throw new ArgumentNullException(nameof(redis))), ownsConnection: false, options ?? new())
    {
    }

    /// <summary>
    /// A ledger with a connection of its own to <see cref="RedisPlacementLedgerOptions.Configuration"/>, made in the
    /// background and kept up (a Redis that is down fails requests closed until it is back); disposed with the ledger.
    /// </summary>
    /// <exception cref="ArgumentException">No configuration is set, or a setting cannot work.</exception>
    public RedisPlacementLedger(RedisPlacementLedgerOptions options)
        : this(Connect(options), ownsConnection: true, options)
    {
    }

    private RedisPlacementLedger(Task<IConnectionMultiplexer> connection, bool ownsConnection, RedisPlacementLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options.Copy();
        _connection = connection;
        _ownsConnection = ownsConnection;
        _retention = (long)_options.Retention.TotalMilliseconds;
    }

    /// <summary>How long a record is kept after its last write.</summary>
    public TimeSpan Retention => _options.Retention;

    /// <inheritdoc />
    public async ValueTask<PlacementRecord?> ClaimAsync(string key, PlacementRecord claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var held = await RunAsync(db => db.ScriptEvaluateAsync(ClaimScript, [Key(key)], [_retention, .. Fields(claim)]), cancellationToken).ConfigureAwait(false);
        return held.IsNull ? null : Read((RedisResult[])held!);
    }

    /// <inheritdoc />
    public async ValueTask<PlacementRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var fields = await RunAsync(db => db.HashGetAllAsync(Key(key)), cancellationToken).ConfigureAwait(false);
        return fields.Length == 0 ? null : Read(fields.Select(f => (f.Name, f.Value)));
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReplaceAsync(string key, string owner, PlacementRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var replaced = await RunAsync(db => db.ScriptEvaluateAsync(ReplaceScript, [Key(key)], [owner, _retention, .. Fields(record)]), cancellationToken).ConfigureAwait(false);
        return (long)replaced == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseAsync(string key, string owner, CancellationToken cancellationToken = default)
    {
        var released = await RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [Key(key)], [owner]), cancellationToken).ConfigureAwait(false);
        return (long)released == 1;
    }

    /// <summary>Closes the ledger's own connection; a connection the application gave it stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await (await _connection.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        if (_ownsConnection)
        {
            // A connection still being made is closed as soon as it is.
            _connection.ContinueWith(static made => made.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"RedisPlacementLedger {{ KeyPrefix = {_options.KeyPrefix} }}";

    private static Task<IConnectionMultiplexer> Connect(RedisPlacementLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new ArgumentException(
                "RedisPlacementLedgerOptions.Configuration is not set: give a StackExchange.Redis configuration string such as redis.internal:6379, " +
                "or pass a connection (IConnectionMultiplexer) of your own.", nameof(options));
        }

        var configuration = ConfigurationOptions.Parse(options.Configuration);
        // Keep trying in the background, and fail a command at once while there is no connection: a claim that waited in a
        // queue could be stored after its request gave up.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var milliseconds = (int)Math.Clamp(options.OperationTimeout.TotalMilliseconds, 1, int.MaxValue);
        configuration.ConnectTimeout = configuration.AsyncTimeout = configuration.SyncTimeout = milliseconds;
        return ConnectAsync(configuration);
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration) =>
        await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);

    /// <summary>One command, within <see cref="RedisPlacementLedgerOptions.OperationTimeout"/> (connecting included).</summary>
    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        var work = RunCoreAsync(command);
        return await work.WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunCoreAsync<T>(Func<IDatabase, Task<T>> command)
    {
        var redis = await _connection.ConfigureAwait(false);
        return await command(redis.GetDatabase(_options.Database)).ConfigureAwait(false);
    }

    private RedisKey Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _options.KeyPrefix + key;
    }

    private static RedisValue[] Fields(PlacementRecord record)
    {
        var fields = new List<RedisValue>
        {
            "state", State(record.State),
            "fingerprint", record.Fingerprint,
            "owner", record.Owner,
            "claimed_at", record.ClaimedAt.ToUnixTimeMilliseconds(),
            "until", record.Until.ToUnixTimeMilliseconds(),
            "status", record.Status,
        };
        if (!record.Body.IsEmpty)
        {
            fields.Add("body");
            fields.Add(record.Body);
        }

        return [.. fields];
    }

    private static PlacementRecord Read(RedisResult[] flat) =>
        Read(Enumerable.Range(0, flat.Length / 2).Select(i => ((RedisValue)flat[2 * i], (RedisValue)flat[(2 * i) + 1])));

    /// <summary>A record from its hash; one this ledger did not write fails the request closed.</summary>
    private static PlacementRecord Read(IEnumerable<(RedisValue Name, RedisValue Value)> fields)
    {
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value, StringComparer.Ordinal);
        string Text(string name) => map.TryGetValue(name, out var value) && !value.IsNull ? value.ToString()
            : throw new InvalidDataException($"The placement record has no {name} field: it was not written by RedisPlacementLedger.");
        long Number(string name) => long.Parse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

        return new PlacementRecord
        {
            State = Text("state") switch
            {
                "in_flight" => PlacementState.InFlight,
                "unknown" => PlacementState.Unknown,
                "placed" => PlacementState.Placed,
                var other => throw new InvalidDataException($"The placement record's state is \"{other}\", which RedisPlacementLedger does not write."),
            },
            Fingerprint = Text("fingerprint"),
            Owner = Text("owner"),
            ClaimedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("claimed_at")),
            Until = DateTimeOffset.FromUnixTimeMilliseconds(Number("until")),
            Status = (int)Number("status"),
            Body = map.TryGetValue("body", out var body) && !body.IsNull ? (byte[])body! : ReadOnlyMemory<byte>.Empty,
        };
    }

    private static string State(PlacementState state) => state switch
    {
        PlacementState.InFlight => "in_flight",
        PlacementState.Unknown => "unknown",
        _ => "placed",
    };
}
