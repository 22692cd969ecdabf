using YamlDotNet.Serialization;

namespace TryVox.Conformance.Tests;

/// <summary>What the tests read from spec/tryvox.yaml itself, independently of every generator.</summary>
internal static class SpecDocument
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly Dictionary<object, object> Root = new DeserializerBuilder().Build()
        .Deserialize<Dictionary<object, object>>(File.ReadAllText(Repository.SpecPath));

    /// <summary>Every operation as <c>METHOD /path/{param}</c>, without the server's base path.</summary>
    public static IReadOnlySet<string> Operations { get; } =
        ((Dictionary<object, object>)Root["paths"])
            .SelectMany(path => ((Dictionary<object, object>)path.Value).Keys.Cast<string>()
                .Where(Methods.Contains)
                .Select(method => $"{method.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();

    /// <summary>The path of the first server URL, <c>/v1</c>.</summary>
    public static string BasePath { get; } =
        new Uri((string)((Dictionary<object, object>)((List<object>)Root["servers"])[0])["url"]).AbsolutePath.TrimEnd('/');

    /// <summary>Fails naming what is on one side only, so a renamed path or a new operation reads as such.</summary>
    public static void AssertSameOperations(string what, IEnumerable<string> actual)
    {
        var served = actual.ToHashSet();
        var missing = Operations.Except(served).Order().ToList();
        var extra = served.Except(Operations).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{what} and spec/tryvox.yaml disagree.\n" +
            $"  In the spec only: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}\n" +
            $"  In {what} only: {(extra.Count == 0 ? "none" : string.Join(", ", extra))}");
    }
}
