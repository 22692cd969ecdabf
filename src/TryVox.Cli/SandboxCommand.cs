using System.CommandLine;
using TryVox.Client.Testing;

namespace TryVox.Cli;

/// <summary><c>tryvox sandbox</c>: the local TryVox-compatible server, in the foreground until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The port on 127.0.0.1; 0 picks a free one.",
            DefaultValueFactory = _ => TryVoxTestServerOptions.DefaultStandalonePort,
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                    {
                        result.AddError("--port must be 0 to 65535.");
                    }
                },
            },
        };

        var command = new Command("sandbox",
            "Run a local TryVox-compatible API on 127.0.0.1 until Ctrl+C. It prints its URL, its well-known sandbox key and " +
            "account: use them with --base-url and TRYVOX_API_KEY.") { port };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await TryVoxTestServer.RunAsync(
                    new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback, Port = result.GetValue(port), Log = console.Out },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Kestrel's "address already in use".
                throw new CliException(ExitCodes.Network, $"{e.Message} Choose another --port, or 0 for a free one.");
            }
        });
        return command;
    }
}
