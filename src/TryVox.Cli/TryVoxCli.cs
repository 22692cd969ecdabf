using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Kiota.Abstractions;
using TryVox.Client;
using TryVox.Client.Models;

namespace TryVox.Cli;

/// <summary>
/// The tool's entry point: builds the command tree, runs one command line, and turns every failure
/// into one line on stderr and an <see cref="ExitCodes">exit code</see>, never a stack trace.
/// </summary>
public static partial class TryVoxCli
{
    /// <summary>The tool's version, without the source-control suffix.</summary>
    public static string Version { get; } =
        typeof(TryVoxCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>Runs the tool with <paramref name="args"/> against <paramref name="console"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var result = BuildCommand(console).Parse(args);
        if (result.Action is ParseErrorAction)
        {
            // An unknown word explains more than the "required command" error it causes: it goes first.
            var errors = string.Join(' ', result.Errors.Select(e => e.Message).Distinct()
                .OrderByDescending(message => result.UnmatchedTokens.Any(token => message.Contains(token, StringComparison.Ordinal))));
            return Fail(console, ExitCodes.Usage, $"{errors} See '{CommandPath(result)} --help'.");
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (exitCode, message) = Classify(e);
            return Fail(console, exitCode, message);
        }
    }

    private static Command BuildCommand(CliConsole console)
    {
        var global = new GlobalOptions();
        var root = new Command("tryvox",
            "The TryVox voice API from the command line.\n" +
            "The API key comes from TRYVOX_API_KEY or --api-key-stdin, never from an argument. Try 'tryvox demo' first: it needs no key and no network.\n" +
            ExitCodes.Summary)
        {
            new HelpOption(),
            new VersionOption { Action = new PrintVersion() },
            CallsCommand.Create(global, console),
            NumbersCommand.Create(global, console),
            AuthCommand.Create(global, console),
            KeysCommand.Create(console),
            SandboxCommand.Create(console),
            DemoCommand.Create(console),
        };
        global.AddTo(root);
        return root;
    }

    /// <summary>The exit code and one-line message for a failure.</summary>
    private static (int ExitCode, string Message) Classify(Exception exception) => exception switch
    {
        CliException e => (e.ExitCode, e.Message),
        TryVoxError e => (e.ResponseStatusCode is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden ? ExitCodes.Auth : ExitCodes.ApiError,
            $"API error {e.ResponseStatusCode} {e.Code}: {e.Message}"),
        TryVoxNetworkException or TryVoxTimeoutException => (ExitCodes.Network, $"network error: {exception.Message}"),
        ApiException e => (ExitCodes.ApiError, $"API error {e.ResponseStatusCode}: {e.Message}"),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted."),
        _ => (ExitCodes.ApiError, $"unexpected error (please report it): {exception.GetType().Name}: {exception.Message}"),
    };

    private static int Fail(CliConsole console, int exitCode, string message)
    {
        console.Error.WriteLine("tryvox: " + Whitespace().Replace(message, " "));
        return exitCode;
    }

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var command = result.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Runs of whitespace, line breaks and tabs included: messages stay on one line.</summary>
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Prints <see cref="Version"/> (the entry assembly is a test host when run in-process).</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}
