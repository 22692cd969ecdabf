using System.Collections.Concurrent;

namespace TryVox.Client.Placement;

/// <summary>
/// The placement ledger of one process, in memory: the default (<see cref="Shared"/>), which every client of the process
/// shares, so that clients made per request or per tenant see each other's keys. It is lost when the process ends: for
/// keys that outlive a restart, or a fleet of instances, use a shared ledger (<c>RedisPlacementLedger</c>).
/// </summary>
public sealed class InProcessPlacementLedger : IPlacementLedger
{
    /// <summary>How long a record is kept by default after its last write: 24 hours.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(24);

    /// <summary>Writes between two sweeps of expired records.</summary>
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _writes;

    /// <summary>A ledger that keeps each record for <paramref name="retention"/> (<see cref="DefaultRetention"/>) after its last write.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is not positive.</exception>
    public InProcessPlacementLedger(TimeSpan? retention = null, TimeProvider? timeProvider = null)
    {
        Retention = retention ?? DefaultRetention;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Retention, TimeSpan.Zero, nameof(retention));
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The ledger every client of this process uses unless <see cref="PlacementOptions.Ledger"/> names another.</summary>
    public static InProcessPlacementLedger Shared { get; } = new();

    /// <summary>How long a record is kept after its last write.</summary>
    public TimeSpan Retention { get; }

    /// <summary>How many records are held, expired ones not yet swept included.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<PlacementRecord?> ClaimAsync(string key, PlacementRecord claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(claim);
        var entry = Written(claim);
        while (true)
        {
            if (_entries.TryAdd(key, entry))
            {
                return new((PlacementRecord?)null);
            }

            if (_entries.TryGetValue(key, out var current))
            {
                if (!Expired(current))
                {
                    return new(current.Record);
                }

                if (_entries.TryUpdate(key, entry, current))
                {
                    return new((PlacementRecord?)null);
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<PlacementRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(_entries.TryGetValue(key, out var entry) && !Expired(entry) ? entry.Record : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReplaceAsync(string key, string owner, PlacementRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(record);
        return new(HeldBy(key, owner, out var current) && _entries.TryUpdate(key, Written(record), current));
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(string key, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(HeldBy(key, owner, out var current) && _entries.TryRemove(new KeyValuePair<string, Entry>(key, current)));
    }

    private bool HeldBy(string key, string owner, out Entry current) =>
        _entries.TryGetValue(key, out current!) && !Expired(current)
        && current.Record.State != PlacementState.Placed && string.Equals(current.Record.Owner, owner, StringComparison.Ordinal);

    private Entry Written(PlacementRecord record)
    {
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            Sweep();
        }

        return new Entry(record, _clock.GetUtcNow() + Retention);
    }

    private bool Expired(Entry entry) => _clock.GetUtcNow() >= entry.Expires;

    private void Sweep()
    {
        foreach (var (key, entry) in _entries)
        {
            if (Expired(entry))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    /// <summary>A record and when it expires; compared by reference, so an update replaces exactly the entry that was read.</summary>
    private sealed class Entry(PlacementRecord record, DateTimeOffset expires)
    {
        public PlacementRecord Record { get; } = record;

        public DateTimeOffset Expires { get; } = expires;
    }
}
