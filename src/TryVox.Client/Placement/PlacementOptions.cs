namespace TryVox.Client.Placement;

/// <summary>How a client handles <see cref="PlacementKey"/>s (<see cref="TryVoxClientOptions.Placement"/>); see docs/placement-keys.md.</summary>
public sealed class PlacementOptions
{
    /// <summary>The default of <see cref="InFlightWait"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultInFlightWait = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="ListingDelay"/>: 2 minutes.</summary>
    public static readonly TimeSpan DefaultListingDelay = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Where keys are claimed and results recorded; null means <see cref="InProcessPlacementLedger.Shared"/>, which
    /// holds for one process only. Every instance that may place the same keys must share one ledger (Redis).
    /// </summary>
    public IPlacementLedger? Ledger { get; set; }

    /// <summary>
    /// How long a request waits for another placement of its key that is in flight to end, before it fails with
    /// <see cref="PlacementFailure.InFlight"/>: <see cref="DefaultInFlightWait"/>. Zero fails at once.
    /// </summary>
    public TimeSpan InFlightWait { get; set; } = DefaultInFlightWait;

    /// <summary>
    /// How long after a placement with an unknown outcome ended the calls listing is trusted to show its call
    /// (<see cref="DefaultListingDelay"/>). A lookup that finds nothing counts as "not placed" only from then on;
    /// before, the request fails with <see cref="PlacementFailure.Unresolved"/>. It also covers clock differences
    /// between the machines that share a ledger.
    /// </summary>
    public TimeSpan ListingDelay { get; set; } = DefaultListingDelay;

    /// <summary>The clock of claims, leases and waits; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A copy checked for use, with the ledger resolved, so that later changes to these options change nothing.</summary>
    internal PlacementOptions Validated()
    {
        if (InFlightWait < TimeSpan.Zero || ListingDelay < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"PlacementOptions.InFlightWait and ListingDelay must not be negative; they are {InFlightWait} and {ListingDelay}.", "options");
        }

        return new PlacementOptions
        {
            Ledger = Ledger ?? InProcessPlacementLedger.Shared,
            InFlightWait = InFlightWait,
            ListingDelay = ListingDelay,
            TimeProvider = TimeProvider ?? throw new ArgumentException("PlacementOptions.TimeProvider must not be null.", "options"),
        };
    }
}
