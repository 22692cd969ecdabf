using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.Redis.Tests;

/// <summary>The placement counters, as one test's key (by its hint) saw them: tests run in parallel on one meter.</summary>
public sealed class PlacementMeters(string keyHint) : IDisposable
{
    private readonly MetricCollector<long>[] _collectors =
    [
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementClaimsInstrument),
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementReplaysInstrument),
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementConflictsInstrument),
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementWaitsInstrument),
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementUnresolvedInstrument),
        new(null, TryVoxTelemetry.Name, TryVoxTelemetry.PlacementLedgerFailuresInstrument),
    ];

    /// <summary>Claims, replays, conflicts, waits, unresolved and ledger failures, in that order.</summary>
    public long[] Counts() => [.. _collectors.Select(c => c.GetMeasurementSnapshot().Where(Mine).Sum(m => m.Value))];

    /// <summary>The <c>tryvox.placement.reason</c> of each unresolved count, in order.</summary>
    public string[] UnresolvedReasons() =>
        [.. _collectors[4].GetMeasurementSnapshot().Where(Mine).Select(m => (string)m.Tags["tryvox.placement.reason"]!)];

    public void Dispose()
    {
        foreach (var collector in _collectors)
        {
            collector.Dispose();
        }
    }

    private bool Mine(CollectedMeasurement<long> measurement) => Equals(measurement.Tags["tryvox.key.hint"], keyHint);
}
