using System.Globalization;
using System.Text;

namespace TryVox.Benchmarks.Reports;

/// <summary>
/// One result: an operation for one client on one transport. A null time or allocation was not
/// measured (the alloc mode has no times) or the benchmark failed.
/// </summary>
public sealed record Measurement(string Operation, string Transport, string Client, double? MedianNanoseconds, double? AllocatedBytes);

/// <summary>The results as a GitHub Markdown table, with each operation × transport's floor as the 1.00 of its ratios.</summary>
public static class MarkdownTable
{
    private const string Floor = "Floor";

    /// <summary>
    /// With <paramref name="withTimes"/>: operation, transport, client, median time and allocated bytes per operation
    /// (in KB and MB, as BenchmarkDotNet shows them), each with its ratio to the floor. Without: allocated bytes to the
    /// byte, their difference to the floor and their ratio to it, so that a saving of a few bytes shows.
    /// </summary>
    public static string Render(IReadOnlyList<Measurement> results, bool withTimes)
    {
        string[] header = withTimes
            ? ["Operation", "Transport", "Client", "Median", "Time / floor", "Allocated", "Alloc / floor"]
            : ["Operation", "Transport", "Client", "Allocated", "Alloc − floor", "Alloc / floor"];
        var rows = new List<string[]>();
        foreach (var m in results)
        {
            var floor = results.FirstOrDefault(f => f.Client == Floor && f.Operation == m.Operation && f.Transport == m.Transport);
            var allocRatio = Ratio(m.AllocatedBytes, floor?.AllocatedBytes);
            rows.Add(withTimes
                ? [m.Operation, m.Transport, m.Client, Time(m.MedianNanoseconds), Ratio(m.MedianNanoseconds, floor?.MedianNanoseconds), Bytes(m.AllocatedBytes), allocRatio]
                : [m.Operation, m.Transport, m.Client, ExactBytes(m.AllocatedBytes), Difference(m.AllocatedBytes, floor?.AllocatedBytes), allocRatio]);
        }

        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("| " + string.Join(" | ", header.Select((_, i) => i < 3 ? "---" : "---:")) + " |");
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        text.AppendLine()
            .AppendLine("Floor: hand-written HttpClient + System.Text.Json source generation, the 1.00 of each operation and transport. " +
                "NSwag: the client NSwag generates from spec/tryvox.yaml (System.Text.Json). TryVox: TryVoxClientFactory.Create.")
            .AppendLine(withTimes
                ? "Median time; bytes allocated per operation on every thread (on Kestrel, the in-process server's included)."
                : "Bytes allocated per operation on the calling thread: the median of single runs, tiered compilation off.");
        return text.ToString();
    }

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "failed",
        < 1_000 => Format(nanoseconds.Value, "ns"),
        < 1_000_000 => Format(nanoseconds.Value / 1_000, "µs"),
        _ => Format(nanoseconds.Value / 1_000_000, "ms"),
    };

    // Binary units, as BenchmarkDotNet's Allocated column.
    private static string Bytes(double? bytes) => bytes switch
    {
        null => "failed",
        < 1024 => Format(bytes.Value, "B", "0"),
        < 1024 * 1024 => Format(bytes.Value / 1024, "KB"),
        _ => Format(bytes.Value / (1024 * 1024), "MB"),
    };

    private static string ExactBytes(double? bytes) => bytes is null ? "failed" : bytes.Value.ToString("#,0", CultureInfo.InvariantCulture) + " B";

    private static string Difference(double? value, double? floor) =>
        value is null || floor is null ? "" : (value >= floor ? "+" : "−") + ExactBytes(Math.Abs(value.Value - floor.Value));

    private static string Ratio(double? value, double? floor) =>
        value is null || floor is null or 0 ? "" : (value.Value / floor.Value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Format(double value, string unit, string format = "0.##") =>
        value.ToString(value >= 100 ? "0" : format, CultureInfo.InvariantCulture) + " " + unit;
}
