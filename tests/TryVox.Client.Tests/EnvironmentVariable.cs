namespace TryVox.Client.Tests;

/// <summary>Tests that set process environment variables run alone.</summary>
[CollectionDefinition(nameof(SharesEnvironmentVariables), DisableParallelization = true)]
public sealed class SharesEnvironmentVariables;

/// <summary>Sets an environment variable for the scope of a test and restores it after.</summary>
public sealed class EnvironmentVariable : IDisposable
{
    private readonly string _name;
    private readonly string? _previous;

    public EnvironmentVariable(string name, string? value)
    {
        _name = name;
        _previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
}
