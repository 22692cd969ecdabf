namespace TryVox.Client.Redis;

/// <summary>
/// Settings of <see cref="RedisPlacementLedger"/>; with dependency injection they bind from <c>TryVox:Redis</c>
/// (<c>TryVox:&lt;name&gt;:Redis</c> for a named client).
/// </summary>
public sealed class RedisPlacementLedgerOptions
{
    /// <summary>The default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "tryvox:placement:";

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>redis.internal:6379,ssl=true,password=…</c>; with
    /// dependency injection and none set, the <c>IConnectionMultiplexer</c> the application registered is used. It may
    /// hold a password: it is never logged or shown by <see cref="ToString"/>.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key the ledger writes (<see cref="DefaultKeyPrefix"/>), to tell its keys from the application's.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>How long a record is kept after its last write: 24 hours by default. A key is replayed for this long after its call was recorded.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest a ledger operation may take (2 s by default), connecting included: a slower Redis fails the request
    /// closed, with nothing sent.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Redis database; -1 (the default) is the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>The settings, without <see cref="Configuration"/> (which may hold a password).</summary>
    public override string ToString() =>
        $"RedisPlacementLedgerOptions {{ KeyPrefix = {KeyPrefix}, Retention = {Retention}, OperationTimeout = {OperationTimeout}, Database = {Database} }}";

    /// <summary>What is wrong with these settings, or null when they can work.</summary>
    internal string? Problem() =>
        string.IsNullOrEmpty(KeyPrefix) ? "RedisPlacementLedgerOptions.KeyPrefix must not be empty: it keeps the ledger's keys apart from the application's."
        : Retention <= TimeSpan.Zero ? $"RedisPlacementLedgerOptions.Retention must be positive; it is {Retention}."
        : OperationTimeout <= TimeSpan.Zero ? $"RedisPlacementLedgerOptions.OperationTimeout must be positive; it is {OperationTimeout}."
        : Database < -1 ? $"RedisPlacementLedgerOptions.Database must be -1 (the connection's default) or a database number; it is {Database}."
        : null;

    internal RedisPlacementLedgerOptions Copy() => (RedisPlacementLedgerOptions)MemberwiseClone();
}
