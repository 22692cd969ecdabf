using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using TryVox.Spec.Tests.Growth;
using Xunit.Abstractions;

namespace TryVox.Spec.Tests;

/// <summary>
/// The spec grows as an API's next version does (Growth/*.yaml, two releases merged onto the real spec) in a copy of
/// the repository; the README's regeneration steps alone then build the whole solution, record only the client's
/// new API, and give a client and test kit that serve every new operation (Growth/Driver, run in the copy). What
/// the growth cost is printed, and written to TestResults/spec-growth.txt: files a team had to touch by hand, build
/// errors, projects built, minutes.
/// </summary>
public sealed class SpecGrowthTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);

    /// <summary>The README's steps after a spec change, in its words.</summary>
    private static readonly (string Shown, string File, string[] Arguments)[] ReadmeSteps =
    [
        ("dotnet tool restore", "dotnet", ["tool", "restore"]),
        ("dotnet msbuild src/TryVox.Client -t:GenerateClient", "dotnet", ["msbuild", "src/TryVox.Client", "-t:GenerateClient"]),
        ("scripts/update-public-api.sh", "bash", ["scripts/update-public-api.sh"]),
        ("dotnet build TryVox.Generated.sln", "dotnet", ["build", "TryVox.Generated.sln"]),
    ];

    /// <summary>The shipped projects whose public API does not follow the spec: only TryVox.Client's does.</summary>
    private static readonly string[] ApiThatMustNotChange =
    [
        "src/TryVox.Client.Testing/PublicAPI.Unshipped.txt",
        "src/TryVox.Client.DependencyInjection/PublicAPI.Unshipped.txt",
        "src/TryVox.Cli/PublicAPI.Unshipped.txt",
    ];

    private static string GrowthFolder => Path.Combine(Repository.Root, "tests", "TryVox.Spec.Tests", "Growth");

    [Fact]
    public async Task The_spec_grows_by_two_releases_and_the_README_steps_alone_build_everything_and_serve_every_new_operation()
    {
        var report = new StringBuilder();
        var failures = new List<string>();
        var total = Stopwatch.StartNew();
        try
        {
            using var copy = await RepositoryCopy.CreateAsync();
            var projects = BuildLog.Projects(Path.Combine(copy.Root, "TryVox.Generated.sln"));
            var built = false;
            foreach (var overlay in new[] { "1-operations.yaml", "2-query-parameters.yaml" })
            {
                built = await ReleaseAsync(copy, overlay, projects, report, failures);
            }

            if (built)
            {
                await DriveAsync(copy, report, failures);
            }
            else
            {
                failures.Add("The new operations were not driven: the solution did not build.");
            }
        }
        finally
        {
            // The report, whatever stopped the test.
            report.AppendLine(CultureInfo.InvariantCulture, $"Total: {total.Elapsed.TotalMinutes:0.0} min.");
            output.WriteLine(report.ToString());
            Directory.CreateDirectory(Path.Combine(Repository.Root, "TestResults"));
            await File.WriteAllTextAsync(Path.Combine(Repository.Root, "TestResults", "spec-growth.txt"), report.ToString());
        }

        Assert.True(failures.Count == 0,
            $"After the spec grew, the README's steps did not give a working SDK without hand-written changes:\n  - {string.Join("\n  - ", failures)}\n\n{report}");
    }

    /// <summary>One release: the overlay merged onto the spec, then the README's steps; returns whether the solution built.</summary>
    private static async Task<bool> ReleaseAsync(RepositoryCopy copy, string overlay, IReadOnlyList<string> projects, StringBuilder report, List<string> failures)
    {
        var spec = Path.Combine(copy.Root, "spec", "tryvox.yaml");
        SpecOverlay.Apply(spec, Path.Combine(GrowthFolder, overlay));
        report.AppendLine(CultureInfo.InvariantCulture, $"Release {overlay}: spec/tryvox.yaml grown by tests/TryVox.Spec.Tests/Growth/{overlay}");
        foreach (var linter in new[] { new[] { "spectral", "lint", spec, "--fail-severity=warn" }, ["redocly", "lint", spec] })
        {
            // A fixture that is no valid API description would measure nothing: it fails here, before any step.
            var lint = await Repository.RunAsync(Repository.NodeTool(linter[0]), linter[1..]);
            Assert.True(lint.ExitCode == 0, $"The grown spec ({overlay}) fails {linter[0]}: fix the fixture.\n{lint.Output}");
        }

        var minutes = Stopwatch.StartNew();
        var log = BuildLog.Read("", copy.Root);
        foreach (var (shown, file, arguments) in ReadmeSteps)
        {
            var started = Stopwatch.GetTimestamp();
            var run = await Repository.RunInAsync(copy.Root, StepLimit, file, arguments);
            var took = Stopwatch.GetElapsedTime(started);
            log = BuildLog.Read(run.Output, copy.Root);
            var summary = run.ExitCode == 0 ? "ok" : $"FAILED (exit {run.ExitCode})";
            report.AppendLine(CultureInfo.InvariantCulture, $"  {shown,-52} {summary}, {took.TotalSeconds:0} s");
            if (run.ExitCode != 0)
            {
                var said = log.Errors.Count > 0 ? string.Join("\n      ", log.Errors.Take(8))
                    : string.Join("\n      ", run.Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(8));
                report.AppendLine(CultureInfo.InvariantCulture, $"      {said}");
                failures.Add($"{overlay}: `{shown}` failed" + (log.Errors.Count > 0 ? $" with {log.Errors.Count} error(s): {log.Codes}" : "") + ".");
            }
        }

        // The last step is the build: what it built, and what stopped it.
        var missing = projects.Except(log.Built).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"  projects built: {log.Built.Count} of {projects.Count}{(missing.Count > 0 ? $" (not: {string.Join(", ", missing)})" : "")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  build errors: {log.Errors.Count}{(log.Errors.Count > 0 ? $" ({log.Codes})" : "")}");
        var byHand = log.HandWrittenFilesWithErrors;
        report.AppendLine(CultureInfo.InvariantCulture, $"  files a team must touch by hand: {1 + byHand.Count} (spec/tryvox.yaml{string.Concat(byHand.Select(f => ", " + f))})");

        var changed = await copy.ChangedFilesAsync();
        var generated = changed.Count(f => f.StartsWith("src/TryVox.Client/Generated/", StringComparison.Ordinal));
        report.AppendLine(CultureInfo.InvariantCulture, $"  files the tools wrote: {changed.Count - 1} (src/TryVox.Client/Generated/: {generated}; {string.Join(", ", changed.Where(f => f != "spec/tryvox.yaml" && !f.StartsWith("src/TryVox.Client/Generated/", StringComparison.Ordinal)))})");
        foreach (var api in changed.Where(f => f.EndsWith("PublicAPI.Unshipped.txt", StringComparison.Ordinal)))
        {
            var (added, removed) = await copy.LinesChangedAsync(api);
            report.AppendLine(CultureInfo.InvariantCulture, $"  public API: {api} +{added} -{removed}");
            if (ApiThatMustNotChange.Contains(api))
            {
                failures.Add($"{overlay}: {api} changed (+{added} -{removed}): the spec's types leaked into a package whose public API is not the spec's.");
            }
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"  minutes: {minutes.Elapsed.TotalMinutes:0.0}");
        await copy.CommitAsync(overlay);
        if (missing.Count > 0 || log.Errors.Count > 0)
        {
            failures.Add($"{overlay}: {log.Built.Count} of {projects.Count} projects built; hand-written files with errors: {(byHand.Count == 0 ? "none" : string.Join(", ", byHand))}.");
            return false;
        }

        return true;
    }

    /// <summary>The driver's tests against the grown client and test kit, and the grown models' readers, in the copy.</summary>
    private static async Task DriveAsync(RepositoryCopy copy, StringBuilder report, List<string> failures)
    {
        CopyFolder(Path.Combine(GrowthFolder, "Driver"), Path.Combine(copy.Root, "tests", "TryVox.Growth.Driver"));
        var runs = new (string Name, string Project, string? Filter)[]
        {
            ("new operations through the client and test kit", "tests/TryVox.Growth.Driver", null),
            ("every grown model has a generated reader", "tests/TryVox.Client.Tests", "FullyQualifiedName~ModelReaderCoverageTests"),
        };
        foreach (var (name, project, filter) in runs)
        {
            var results = Path.Combine(copy.Root, "TestResults", Path.GetFileName(project));
            string[] arguments = ["test", project, "--logger", "trx;LogFileName=results.trx", "--results-directory", results];
            var run = await Repository.RunInAsync(copy.Root, StepLimit, "dotnet", filter is null ? arguments : [.. arguments, "--filter", filter]);
            var outcomes = Outcomes(Path.Combine(results, "results.trx"));
            var failed = outcomes.Where(o => o.Outcome != "Passed").ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"Driven ({project}): {name}: {outcomes.Count - failed.Count} of {outcomes.Count} passed");
            foreach (var (test, _, message) in failed)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  FAILED {test}: {message}");
                failures.Add($"{test}: {message.Split('\n')[0]}");
            }

            if (outcomes.Count == 0)
            {
                report.AppendLine("  " + string.Join("\n  ", run.Output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(8)));
                failures.Add($"{project} ran no test in the grown copy (exit {run.ExitCode}).");
            }
        }
    }

    private static List<(string Test, string Outcome, string Message)> Outcomes(string trx)
    {
        if (!File.Exists(trx))
        {
            return [];
        }

        var ns = XNamespace.Get("http://microsoft.com/schemas/VisualStudio/TeamTest/2010");
        return [.. XDocument.Load(trx).Descendants(ns + "UnitTestResult").Select(r => (
            ((string)r.Attribute("testName")!).Split('.')[^1],
            (string)r.Attribute("outcome")!,
            ((string?)r.Descendants(ns + "Message").FirstOrDefault() ?? "").Trim()))];
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
