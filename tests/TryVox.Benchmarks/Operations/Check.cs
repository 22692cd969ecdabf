using System.Text.Json.Nodes;

namespace TryVox.Benchmarks.Operations;

/// <summary>The checks a benchmark runs before it is timed; a failure stops the run with what differed.</summary>
internal static class Check
{
    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"{what}: expected\n  {expected}\nbut got\n  {actual}");
        }
    }

    /// <summary>Fails unless <paramref name="actual"/> is the JSON of <paramref name="expected"/> (property order and escaping aside), or empty when that is null.</summary>
    public static void SameJson(byte[]? expected, byte[] actual, string what)
    {
        var same = expected is null ? actual.Length == 0
            : actual.Length > 0 && JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        if (!same)
        {
            throw new InvalidOperationException(
                $"{what}: expected\n  {(expected is null ? "no body" : System.Text.Encoding.UTF8.GetString(expected))}\nbut got\n  {System.Text.Encoding.UTF8.GetString(actual)}");
        }
    }
}
