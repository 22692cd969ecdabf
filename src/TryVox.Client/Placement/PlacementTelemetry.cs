using System.Diagnostics.Metrics;
using TryVox.Client.Authentication;
using TryVox.Client.Diagnostics;
using TryVox.Client.Http;

namespace TryVox.Client.Placement;

/// <summary>The placement counters of the <c>TryVox.Client</c> meter, tagged as its other instruments are (never with the key).</summary>
internal static class PlacementTelemetry
{
    private static readonly Counter<long> Claims = Counter(TryVoxTelemetry.PlacementClaimsInstrument, "{claim}", "Placement keys claimed before a create-call was sent.");

    private static readonly Counter<long> Replays = Counter(TryVoxTelemetry.PlacementReplaysInstrument, "{replay}", "Create-calls answered with a placement key's recorded call.");

    private static readonly Counter<long> Conflicts = Counter(TryVoxTelemetry.PlacementConflictsInstrument, "{conflict}", "Create-calls refused: their placement key was used with another body.");

    private static readonly Counter<long> Waits = Counter(TryVoxTelemetry.PlacementWaitsInstrument, "{wait}", "Create-calls that waited for a placement of their key in flight.");

    private static readonly Counter<long> Unresolved = Counter(TryVoxTelemetry.PlacementUnresolvedInstrument, "{key}", "Create-calls that left or found their placement key's outcome unknown.");

    private static readonly Counter<long> LedgerFailures = Counter(TryVoxTelemetry.PlacementLedgerFailuresInstrument, "{failure}", "Create-calls not sent because the placement ledger failed.");

    public static void Claimed(in Scope scope) => Add(Claims, scope);

    public static void Replayed(in Scope scope) => Add(Replays, scope);

    public static void Conflicted(in Scope scope) => Add(Conflicts, scope);

    public static void Waited(in Scope scope) => Add(Waits, scope);

    public static void LedgerFailed(in Scope scope) => Add(LedgerFailures, scope);

    /// <summary>
    /// <paramref name="reason"/>: <c>outcome_unknown</c> (this request's create-call), <c>not_recorded</c> (placed, but the
    /// ledger did not take the result), <c>listing_delay</c> or <c>lookup_failed</c> (a repeat could not settle it).
    /// </summary>
    public static void LeftUnresolved(in Scope scope, string reason)
    {
        if (Unresolved.Enabled)
        {
            var tags = TryVoxTelemetry.Tags(scope.Operation.Name, scope.Operation.Method, scope.Host, scope.Key, null, null);
            tags.Add("tryvox.placement.reason", reason);
            Unresolved.Add(1, tags);
        }
    }

    private static void Add(Counter<long> counter, in Scope scope)
    {
        if (counter.Enabled)
        {
            counter.Add(1, TryVoxTelemetry.Tags(scope.Operation.Name, scope.Operation.Method, scope.Host, scope.Key, null, null));
        }
    }

    private static Counter<long> Counter(string name, string unit, string description) => TryVoxTelemetry.Meter.CreateCounter<long>(name, unit, description);

    /// <summary>What every placement measurement is tagged with.</summary>
    public readonly record struct Scope(Operation Operation, string Host, TryVoxApiKey Key);
}
