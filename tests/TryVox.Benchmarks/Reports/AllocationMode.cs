using TryVox.Benchmarks.Operations;

namespace TryVox.Benchmarks.Reports;

/// <summary>
/// Bytes allocated per operation on the in-memory transport, without BenchmarkDotNet: each benchmark method
/// is counted by <see cref="AllocationCounter"/> (warmed up, then the median of single runs, tiered compilation
/// off). Takes seconds and gives the same figures each time.
/// </summary>
public static class AllocationMode
{
    /// <summary>Prints the table of every operation and client; returns the exit code.</summary>
    public static Task<int> RunAsync() => AllocationCounter.RunDeterministicAsync("alloc", async () =>
    {
        Console.WriteLine(MarkdownTable.Render(await MeasureAsync(), withTimes: false));
        return 0;
    });

    private static async Task<IReadOnlyList<Measurement>> MeasureAsync()
    {
        var results = new List<Measurement>();
        foreach (var type in ClientBenchmarks.Operations)
        {
            var benchmarks = (ClientBenchmarks)Activator.CreateInstance(type)!;
            benchmarks.Transport = TransportKind.InMemory;
            await benchmarks.SetupAsync();
            try
            {
                foreach (var client in ClientBenchmarks.Clients)
                {
                    var operation = type.GetMethod(client)!.CreateDelegate<Func<Task>>(benchmarks);
                    results.Add(new Measurement(
                        benchmarks.Operation, nameof(TransportKind.InMemory), client, null, AllocationCounter.BytesPerRun(operation, $"{benchmarks.Operation}, {client}")));
                }
            }
            finally
            {
                await benchmarks.CleanupAsync();
            }
        }

        return results;
    }
}
