namespace TryVox.Client.Reliability.Tests;

/// <summary>The figures docs/reliability.md quotes, printed with the test output (<c>dotnet test --logger "console;verbosity=detailed"</c>).</summary>
internal static class Figures
{
    public static void Record(string what, long value) => Console.WriteLine($"figure: {what} = {value:N0}");
}
