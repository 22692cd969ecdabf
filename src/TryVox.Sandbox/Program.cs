using System.Globalization;
using System.Runtime.InteropServices;
using TryVox.Client.Testing;

// dotnet run --project src/TryVox.Sandbox [-- --port 4020]   (0 picks a free port)
var options = new TryVoxTestServerOptions
{
    Mode = TryVoxTestServerMode.Loopback,
    Port = TryVoxTestServerOptions.DefaultStandalonePort,
    Log = Console.Out,
};
var portIndex = Array.IndexOf(args, "--port");
if (portIndex >= 0)
{
    if (portIndex + 1 >= args.Length || !int.TryParse(args[portIndex + 1], CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
    {
        Console.Error.WriteLine("usage: TryVox.Sandbox [--port <0-65535>]");
        return 2;
    }

    options.Port = port;
}

using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await TryVoxTestServer.RunAsync(options, stop.Token);
return 0;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}
