namespace TryVox.Cli;

/// <summary>The tool's exit codes: stable, documented in the help text, asserted by the tests.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The API answered with an error (other than 401/403), or the tool failed unexpectedly.</summary>
    public const int ApiError = 1;

    /// <summary><c>tryvox keys scan</c> found a key.</summary>
    public const int KeysFound = 1;

    /// <summary>Invalid command line: unknown command or option, a missing or invalid value (such as a number that is not E.164).</summary>
    public const int Usage = 2;

    /// <summary>Credentials or settings: no key, a malformed key, an unusable --base-url, or the API rejected the key (401/403).</summary>
    public const int Auth = 3;

    /// <summary>The API could not be reached: connection refused, DNS failure, TLS failure or timeout.</summary>
    public const int Network = 4;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>One line for the help text.</summary>
    public const string Summary = "Exit codes: 0 ok, 1 API error, 2 invalid usage or input, 3 missing/invalid key or settings (or 401/403), 4 network error, 130 interrupted.";
}

/// <summary>A failure the tool explains in one line and maps to an exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The message without the " (Parameter 'x')" suffix, which names code, not anything the user typed.</summary>
    public static string MessageOf(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var suffix = $" (Parameter '{exception.ParamName}')";
        return exception.Message.EndsWith(suffix, StringComparison.Ordinal) ? exception.Message[..^suffix.Length] : exception.Message;
    }
}
