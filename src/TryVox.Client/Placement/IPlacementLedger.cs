namespace TryVox.Client.Placement;

/// <summary>
/// Where placement keys are claimed and their results recorded: <see cref="InProcessPlacementLedger"/> for one process,
/// <c>RedisPlacementLedger</c> (package TryVox.Client.Redis) for a fleet. Keys arrive namespaced (API origin, account
/// path, tenant and a hash of the API key) and records hold no secret. Every record expires after the ledger's
/// retention, counted from its last write. Implementations must make each method atomic on its key; the client does
/// everything else. A method that throws fails its request closed: nothing is sent without a claim.
/// </summary>
public interface IPlacementLedger
{
    /// <summary>
    /// Stores <paramref name="claim"/> under <paramref name="key"/> if no record is there, atomically: returns null when
    /// it was stored (the caller holds the key), or the record already there, unchanged.
    /// </summary>
    ValueTask<PlacementRecord?> ClaimAsync(string key, PlacementRecord claim, CancellationToken cancellationToken = default);

    /// <summary>The record under <paramref name="key"/>; null when there is none.</summary>
    ValueTask<PlacementRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the record under <paramref name="key"/> with <paramref name="record"/> if the record there is held by
    /// <paramref name="owner"/> and is not <see cref="PlacementState.Placed"/> (a placed record is final), atomically:
    /// false when it is not (it is gone, placed, or held by another).
    /// </summary>
    ValueTask<bool> ReplaceAsync(string key, string owner, PlacementRecord record, CancellationToken cancellationToken = default);

    /// <summary>Removes the record under <paramref name="key"/> if it is held by <paramref name="owner"/> and not placed, atomically; false when it is not.</summary>
    ValueTask<bool> ReleaseAsync(string key, string owner, CancellationToken cancellationToken = default);
}

/// <summary>Where a placement stands.</summary>
public enum PlacementState
{
    /// <summary>Its holder is sending the create-call (or looking it up) until <see cref="PlacementRecord.Until"/>; after that the holder is presumed gone.</summary>
    InFlight,

    /// <summary>Its create-call ended without telling whether the call was placed; the next request with the key looks it up.</summary>
    Unknown,

    /// <summary>The call was placed: <see cref="PlacementRecord.Body"/> is the API's answer, replayed to every request with the key.</summary>
    Placed,
}

/// <summary>
/// What a ledger keeps under a placement key: no API key, no header, no request body (only its hash). A placed record
/// keeps the API's answer, the <c>Call</c> as JSON, which holds the call's phone numbers.
/// </summary>
public sealed record PlacementRecord
{
    /// <summary>Where the placement stands.</summary>
    public required PlacementState State { get; init; }

    /// <summary>A hash of the request body (SHA-256 of its canonical JSON, 32 hex digits): the same key with another body is refused.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>A random id of the request that holds the key; only it may replace or release the record.</summary>
    public required string Owner { get; init; }

    /// <summary>When the create-call that may have placed the call began: a lookup lists the calls placed since.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>
    /// <see cref="PlacementState.InFlight"/>: when its holder's operation has ended at the latest (its lease).
    /// <see cref="PlacementState.Unknown"/>: when the create-call ended. <see cref="PlacementState.Placed"/>: when it was recorded.
    /// </summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>The HTTP status of <see cref="Body"/>: the create-call's, or 200 for a call found by a lookup; 0 until placed.</summary>
    public int Status { get; init; }

    /// <summary>The answer's body, as the API sent it (a call found by a lookup: as listed); empty until placed.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}
