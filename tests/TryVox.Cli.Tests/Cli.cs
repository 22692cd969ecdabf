using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace TryVox.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The single line the tool prints on stderr for a failure.</summary>
    public string ErrorLine
    {
        get
        {
            Assert.Equal(string.Empty, Out);
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return Assert.Single(lines).TrimEnd('\r');
        }
    }
}

/// <summary>Runs the tool in-process (entry point, captured writers, fake environment) or as a real process.</summary>
public static class Cli
{
    public static readonly string DllPath = typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TryVoxCliDll").Value!;

    /// <summary>What the tool prints as these lines.</summary>
    public static string Lines(params string[] lines) => string.Concat(lines.Select(line => line + Environment.NewLine));

    /// <summary>In-process, with <paramref name="environment"/> as the whole environment (nothing leaks from the test host's).</summary>
    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(stdin), output, error,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
        var exitCode = await TryVoxCli.RunAsync(args, console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary><c>dotnet tryvox.dll args</c>, with TRYVOX_* variables removed and <paramref name="environment"/> added.</summary>
    public static async Task<CliResult> RunProcessAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, string stdin = "")
    {
        using var process = Start(args, environment);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public static Process Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(File.Exists(DllPath), $"Build the tool first: {DllPath} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRYVOX_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
