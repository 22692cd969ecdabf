namespace TryVox.Cli;

/// <summary>
/// What the tool reads and writes. The real console in production; strings in tests, which run the
/// tool in-process without touching the process's own console or environment.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>Standard input, output, error and the process environment.</summary>
    public static CliConsole FromSystem() =>
        new(Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}
