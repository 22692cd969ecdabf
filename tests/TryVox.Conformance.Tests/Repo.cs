namespace TryVox.Conformance.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Spec => Path.Combine(Root, "spec", "tryvox.yaml");

    /// <summary>The pinned Prism CLI; a missing one fails the test (CI must never skip Prism).</summary>
    public static string Prism
    {
        get
        {
            var prism = Path.Combine(Root, "node_modules", ".bin", "prism");
            return File.Exists(prism)
                ? prism
                : throw new InvalidOperationException($"Prism is not installed ({prism} is missing): run `npm ci` in {Root}.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TryVox.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TryVox.Generated.sln above {AppContext.BaseDirectory}.");
    }
}
