// Time and allocation of three clients of the TryVox API, per operation, over an in-memory handler and over
// Kestrel on 127.0.0.1: hand-written HttpClient + System.Text.Json source generation (the floor, the baseline
// of every ratio), NSwag's generated client and the TryVox client.
//
//   dotnet run -c Release --project tests/TryVox.Benchmarks                   full BenchmarkDotNet run
//   dotnet run -c Release --project tests/TryVox.Benchmarks -- --short        quick sanity run (ShortRun job)
//   dotnet run -c Release --project tests/TryVox.Benchmarks -- --short --filter '*CreateCall*'
//                                                                              other arguments go to BenchmarkDotNet
//   dotnet run -c Release --project tests/TryVox.Benchmarks -- alloc          bytes per operation, in-memory, in seconds
//   dotnet run -c Release --project tests/TryVox.Benchmarks -- layers         the same bytes, layer by layer (docs/performance.md)
//   dotnet run -c Release --project tests/TryVox.Benchmarks -- placement [--short]   what a placement key costs a create (KeyedCreateCall)
//
// Each run ends by printing one Markdown table on stdout (BenchmarkDotNet's own reports are written under
// BenchmarkDotNet.Artifacts/). Before anything is timed, every client is checked to send the right request
// and parse the whole answer.
using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using TryVox.Benchmarks.Layers;
using TryVox.Benchmarks.Operations;
using TryVox.Benchmarks.Reports;

if (typeof(Program).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    Console.Error.WriteLine("TryVox.Benchmarks measures optimized code only: run it with -c Release.");
    return 2;
}

if (args is ["alloc"])
{
    return await AllocationMode.RunAsync();
}

if (args is ["layers"])
{
    return await LayersMode.RunAsync();
}

if (args is ["placement", ..])
{
    return KeyedCreateCall.Run(quick: args.Contains("--short"));
}

var quick = args.Contains("--short");
var benchmarkArgs = args.Where(a => a != "--short").ToList();
if (!benchmarkArgs.Contains("--filter") && !benchmarkArgs.Contains("-f"))
{
    benchmarkArgs.AddRange(["--filter", "*"]); // without a filter BenchmarkDotNet asks which benchmarks to run
}

var config = DefaultConfig.Instance
    .AddJob(quick ? Job.ShortRun : Job.Default)
    .AddColumn(StatisticColumn.Median)
    .WithOptions(ConfigOptions.JoinSummary);
var results = SummaryResults.From(BenchmarkSwitcher.FromTypes(ClientBenchmarks.Operations).Run([.. benchmarkArgs], config));
Console.WriteLine();
Console.WriteLine(MarkdownTable.Render(results, withTimes: true));
return results.Count > 0 && results.All(r => r.MedianNanoseconds is not null) ? 0 : 1;
