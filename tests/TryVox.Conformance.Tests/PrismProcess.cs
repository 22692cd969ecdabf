using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TryVox.Conformance.Tests;

/// <summary>
/// A Prism CLI on 127.0.0.1 and a free port (<c>prism mock</c> or <c>prism proxy</c>, always with
/// <c>--errors</c>), killed with its process tree on dispose. Prism serves the spec's paths without
/// the server's <c>/v1</c> base path, so <see cref="Url"/> is the client's base URL as is.
/// </summary>
internal sealed partial class PrismProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly DirectoryInfo _specCopy;

    private PrismProcess(Process process, DirectoryInfo specCopy, Uri url)
    {
        _process = process;
        _specCopy = specCopy;
        Url = url;
    }

    /// <summary>http://127.0.0.1:PORT, the base URL for the client (no <c>/v1</c>).</summary>
    public Uri Url { get; }

    public static Task<PrismProcess> MockAsync() => StartAsync("mock");

    /// <summary>
    /// Prism appends the request path to <paramref name="upstream"/>, so the upstream keeps its
    /// <c>/v1</c>: client → http://127.0.0.1:PRISM/voice/… → <paramref name="upstream"/>/voice/….
    /// </summary>
    public static Task<PrismProcess> ProxyAsync(Uri upstream) => StartAsync("proxy", upstream.AbsoluteUri.TrimEnd('/'));

    private static async Task<PrismProcess> StartAsync(string mode, params string[] arguments)
    {
        var prism = Repository.NodeTool("prism");

        // Prism watches its spec file and restarts on a new port when it changes: give it a private copy.
        var specCopy = Directory.CreateTempSubdirectory("tryvox-prism-");
        var spec = Path.Combine(specCopy.FullName, "tryvox.yaml");
        File.Copy(Repository.SpecPath, spec);

        var start = new ProcessStartInfo(prism)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[mode, spec, .. arguments, "-h", "127.0.0.1", "-p", "0", "--errors"])
        {
            start.ArgumentList.Add(argument);
        }

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"prism {mode} exited with code {process.ExitCode} before listening:\n{string.Join('\n', output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(StartTimeout);
            return new PrismProcess(process, specCopy, url);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await Kill(process);
            specCopy.Delete(recursive: true);
            throw new InvalidOperationException($"prism {mode} did not start:\n{string.Join('\n', output)}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Kill(_process);
        _specCopy.Delete(recursive: true);
    }

    private static async Task Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"Prism is listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
