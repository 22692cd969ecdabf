using System.Diagnostics;

namespace TryVox.Testing;

/// <summary>What a tool printed; <see cref="Output"/> is both streams, for failure messages.</summary>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

/// <summary>The repository these tests check, and a way to run its tools.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SpecPath => Path.Combine(Root, "spec", "tryvox.yaml");

    /// <summary>Runs a program from the repository root; it is killed after 3 minutes.</summary>
    public static Task<ToolRun> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(TimeSpan.FromMinutes(3), fileName, arguments);

    /// <summary>Runs a program from the repository root; it is killed after <paramref name="limit"/>.</summary>
    public static Task<ToolRun> RunAsync(TimeSpan limit, string fileName, params string[] arguments) =>
        RunInAsync(Root, limit, fileName, arguments);

    /// <summary>Runs a program from <paramref name="directory"/>; it is killed after <paramref name="limit"/>.</summary>
    public static async Task<ToolRun> RunInAsync(string directory, TimeSpan limit, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A build a test starts leaves no MSBuild nodes running after it.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {limit.TotalMinutes} minutes.");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }

    /// <summary>A tool installed by <c>npm ci</c>; a missing one fails the test rather than skipping it.</summary>
    public static string NodeTool(string name)
    {
        var path = Path.Combine(Root, "node_modules", ".bin", name);
        Assert.True(File.Exists(path), $"{path} is missing: run `npm ci` at the repository root.");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TryVox.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TryVox.Generated.sln not found above " + AppContext.BaseDirectory);
    }
}
