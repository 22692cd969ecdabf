namespace TryVox.Client.Placement;

/// <summary>Why a request with a <see cref="PlacementKey"/> was not sent.</summary>
public enum PlacementFailure
{
    /// <summary>The key was first used with another request body: a key stands for one call. Nothing was sent.</summary>
    Conflict,

    /// <summary>Another placement of the key was still in flight after <see cref="PlacementOptions.InFlightWait"/>. It may place the call.</summary>
    InFlight,

    /// <summary>An earlier placement of the key has an unknown outcome that the calls listing could not settle yet.</summary>
    Unresolved,

    /// <summary>The ledger failed (down, slow, refusing), so the key could not be claimed. Nothing was sent.</summary>
    LedgerUnavailable,
}

/// <summary>
/// A request with a <see cref="PlacementKey"/> was not sent: its key is taken by another body, held by a placement in
/// flight, unresolved, or could not be claimed. <see cref="TryVoxException.OutcomeUnknown"/> tells whether the key's
/// call may have been placed (in flight, unresolved) or was not placed by this request (conflict, ledger unavailable).
/// Sending the same request with the same key again is always safe.
/// </summary>
public sealed class TryVoxPlacementException : TryVoxException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxPlacementException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxPlacementException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxPlacementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxPlacementException(string operation, PlacementKey key, PlacementFailure reason, string message, Exception? cause = null,
        TimeSpan? heldFor = null, TimeSpan? retryAfter = null)
        : base(new OperationFailure(operation, 0, reason is PlacementFailure.InFlight or PlacementFailure.Unresolved, null), message, cause)
    {
        Key = key.Value;
        Reason = reason;
        HeldFor = heldFor;
        RetryAfter = retryAfter;
    }

    /// <summary>The placement key.</summary>
    public string? Key { get; }

    /// <summary>Why the request was not sent.</summary>
    public PlacementFailure Reason { get; }

    /// <summary>How long the key had been held by its placement (in flight or unresolved), when that is the reason.</summary>
    public TimeSpan? HeldFor { get; }

    /// <summary>When trying again can settle the key: for <see cref="PlacementFailure.Unresolved"/>, once the listing is trusted.</summary>
    public TimeSpan? RetryAfter { get; }
}
