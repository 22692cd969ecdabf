using System.Diagnostics;

namespace TryVox.Benchmarks.Reports;

/// <summary>
/// Bytes allocated on this thread by a piece of work, counted with <see cref="GC.GetAllocatedBytesForCurrentThread"/>:
/// the work is warmed up, then run again and again, and the median of single runs kept. Everything it measures
/// completes synchronously (the in-memory transport), so nothing is allocated on another thread unseen; work that
/// does not fails the run. The modes that use it run without tiered compilation (<see cref="RunDeterministicAsync"/>),
/// so they give the same figures each time.
/// </summary>
public static class AllocationCounter
{
    // With tiered compilation, what a method allocates depends on whether the JIT has re-compiled it yet and
    // on the profile it gathered (inlining changes an exception's stack trace; escape analysis keeps some
    // objects off the heap): figures would move by hundreds of bytes from run to run. Without it every method
    // is fully optimized from its first call, the same way each time.
    private const string TieredCompilation = "DOTNET_TieredCompilation";
    private const int WarmupRuns = 20;
    private const int MeasuredRuns = 101;

    /// <summary>Where measured work leaves its result, so that the JIT cannot keep the objects it allocates off the heap.</summary>
    public static object? Sink { get; set; }

    /// <summary>
    /// Runs <paramref name="measure"/> in a process without tiered compilation: this one if it already is, else a
    /// child started with the same <paramref name="mode"/> argument. Returns the exit code.
    /// </summary>
    public static async Task<int> RunDeterministicAsync(string mode, Func<Task<int>> measure)
    {
        if (Environment.GetEnvironmentVariable(TieredCompilation) == "0")
        {
            return await measure();
        }

        var start = new ProcessStartInfo(Environment.ProcessPath!) { Environment = { [TieredCompilation] = "0" } };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AllocationCounter).Assembly.Location); // started as `dotnet TryVox.Benchmarks.dll`
        }

        start.ArgumentList.Add(mode);
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>Bytes allocated by one run of <paramref name="operation"/>.</summary>
    public static long BytesPerRun(Func<Task> operation, string name) => BytesPerRun(operation, name, static (before, after) => [after - before])[0];

    /// <summary>Bytes allocated by one run of <paramref name="work"/>, whose result is kept in <see cref="Sink"/>.</summary>
    public static long BytesPerRun(Func<object?> work, string name) => BytesPerRun(
        () =>
        {
            Sink = work();
            return Task.CompletedTask;
        },
        name);

    /// <summary>
    /// The bytes of one run of <paramref name="operation"/> split into parts: <paramref name="split"/> turns the
    /// thread's allocation counter before and after a run (and whatever the operation recorded in between) into the
    /// parts' bytes. The median of each part, taken separately: now and then a run allocates a little more (a buffer
    /// pool or a cache refilled after a garbage collection), which is not a cost of the operation and would make an
    /// average move from one run to the next.
    /// </summary>
    public static long[] BytesPerRun(Func<Task> operation, string name, Func<long, long, long[]> split)
    {
        for (var i = 0; i < WarmupRuns; i++)
        {
            RunSynchronously(operation, name);
        }

        var runs = new long[MeasuredRuns][];
        for (var i = 0; i < MeasuredRuns; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            RunSynchronously(operation, name);
            runs[i] = split(before, GC.GetAllocatedBytesForCurrentThread());
        }

        return [.. Enumerable.Range(0, runs[0].Length).Select(part => runs.Select(run => run[part]).Order().ElementAt(MeasuredRuns / 2))];
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
