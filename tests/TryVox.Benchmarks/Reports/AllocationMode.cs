using System.Diagnostics;
using TryVox.Benchmarks.Operations;

namespace TryVox.Benchmarks.Reports;

/// <summary>
/// Bytes allocated per operation on the in-memory transport, without BenchmarkDotNet: each benchmark method
/// is warmed up, then run again and again on this thread, each run counted with <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// Every operation completes synchronously on the in-memory handler, so nothing is allocated on another
/// thread unseen; one that does not fails the run. Takes seconds and gives the same figures each time.
/// </summary>
public static class AllocationMode
{
    // With tiered compilation, what a method allocates depends on whether the JIT has re-compiled it yet and
    // on the profile it gathered (inlining changes an exception's stack trace; escape analysis keeps some
    // objects off the heap): figures would move by hundreds of bytes from run to run. Without it every method
    // is fully optimized from its first call, the same way each time.
    private const string TieredCompilation = "DOTNET_TieredCompilation";
    private const int WarmupRuns = 20;
    private const int MeasuredRuns = 101;

    /// <summary>Prints the table of every operation and client; returns the exit code.</summary>
    public static async Task<int> RunAsync()
    {
        if (Environment.GetEnvironmentVariable(TieredCompilation) != "0")
        {
            return await RunWithoutTieredCompilationAsync();
        }

        Console.WriteLine(MarkdownTable.Render(await MeasureAsync(), withTimes: false));
        return 0;
    }

    private static async Task<int> RunWithoutTieredCompilationAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { Environment = { [TieredCompilation] = "0" } };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AllocationMode).Assembly.Location); // started as `dotnet TryVox.Benchmarks.dll`
        }

        start.ArgumentList.Add("alloc");
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

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
                    results.Add(new Measurement(benchmarks.Operation, nameof(TransportKind.InMemory), client, null, BytesPerRun(operation, $"{benchmarks.Operation}, {client}")));
                }
            }
            finally
            {
                await benchmarks.CleanupAsync();
            }
        }

        return results;
    }

    // The median of single runs: now and then a run allocates a little more (a buffer pool or a cache
    // refilled after a garbage collection), which is not a cost of the operation and would make an average
    // move from one run of this mode to the next.
    private static long BytesPerRun(Func<Task> operation, string name)
    {
        for (var i = 0; i < WarmupRuns; i++)
        {
            RunSynchronously(operation, name);
        }

        var bytes = new long[MeasuredRuns];
        for (var i = 0; i < MeasuredRuns; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            RunSynchronously(operation, name);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(bytes);
        return bytes[MeasuredRuns / 2];
    }

    private static void RunSynchronously(Func<Task> operation, string name)
    {
        var task = operation();
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException(
                $"{name} did not complete synchronously on the in-memory transport: part of its allocations would happen on another thread, unseen.");
        }

        task.GetAwaiter().GetResult();
    }
}
