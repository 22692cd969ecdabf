using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace TryVox.Testing;

/// <summary>
/// A real redis-server (Debian's package) on a free port of 127.0.0.1, with its files in a temporary folder; stopped and
/// deleted when disposed. The benchmarks link this file too, so it stands on its own (no test framework). With <c>persistent</c>, every write is in the append-only file before Redis answers
/// (<c>appendfsync always</c>), so a server killed and started again on the same folder has every acknowledged write.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tryvox-redis-");
    private readonly bool _persistent;
    private Process? _process;

    private RedisServer(bool persistent) => _persistent = persistent;

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var server = new RedisServer(persistent);
        try
        {
            // A port picked free can be taken before redis-server binds it: pick another then.
            for (var tries = 1; ; tries++)
            {
                server.Port = FreePort();
                if (await server.LaunchAsync() || tries == 5)
                {
                    break;
                }
            }

            return server._process is { HasExited: false } ? server : throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{server.Port}.");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server (SIGKILL: no shutdown, no last save).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and folder (it reloads its append-only file when persistent).</summary>
    public async Task StartAgainAsync()
    {
        if (!await LaunchAsync())
        {
            throw new InvalidOperationException($"redis-server did not start again on 127.0.0.1:{Port}.");
        }
    }

    /// <summary>A connection of the test's own, which fails fast rather than queueing while the server is down.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, Port } },
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            AllowAdmin = true,
        });

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task<bool> LaunchAsync()
    {
        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's redis-server (apt-get install -y redis-server), as .ci/run does.");
        }

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        // --port 0 would turn TCP off: the port is always a real one.
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder.FullName,
            "--save", "", "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process?.Dispose();
        _process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        return first == ready.Task;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
