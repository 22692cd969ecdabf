using BenchmarkDotNet.Reports;
using TryVox.Benchmarks.Operations;

namespace TryVox.Benchmarks.Reports;

/// <summary>BenchmarkDotNet's results as <see cref="Measurement"/>s, in the order of <see cref="ClientBenchmarks.Operations"/>.</summary>
public static class SummaryResults
{
    /// <summary>One measurement per benchmark run; a failed one has no figures.</summary>
    public static IReadOnlyList<Measurement> From(IEnumerable<Summary> summaries) =>
        summaries.SelectMany(summary => summary.Reports)
            .Select(report => (report.BenchmarkCase, Result: report.Success ? report : null))
            .OrderBy(r => Array.IndexOf(ClientBenchmarks.Operations, r.BenchmarkCase.Descriptor.Type))
            .ThenBy(r => r.BenchmarkCase.Parameters[nameof(ClientBenchmarks.Transport)])
            .ThenBy(r => Array.IndexOf(ClientBenchmarks.Clients, r.BenchmarkCase.Descriptor.WorkloadMethod.Name))
            .Select(r => new Measurement(
                r.BenchmarkCase.Descriptor.Categories.Single(),
                r.BenchmarkCase.Parameters[nameof(ClientBenchmarks.Transport)].ToString()!,
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                r.Result?.ResultStatistics?.Median,
                r.Result?.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)))
            .ToList();
}
