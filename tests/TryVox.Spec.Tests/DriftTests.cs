namespace TryVox.Spec.Tests;

/// <summary>
/// The committed client and lock are exactly what the committed spec generates: regenerates into a
/// temporary folder with the same MSBuild target the README names, and compares every file.
/// </summary>
public sealed class DriftTests
{
    private const string Regenerate = "dotnet msbuild src/TryVox.Client -t:GenerateClient";

    [Fact]
    public async Task Generated_code_and_lock_match_a_fresh_generation_of_the_spec()
    {
        var scratch = Directory.CreateTempSubdirectory("tryvox-drift-");
        try
        {
            var output = Path.Combine(scratch.FullName, "Generated");
            var lockFile = Path.Combine(scratch.FullName, "kiota-lock.json");
            var run = await Repository.RunAsync("dotnet", "msbuild", "src/TryVox.Client/TryVox.Client.csproj",
                "-t:GenerateClient", "-nologo", $"-p:KiotaOutput={output}", $"-p:KiotaLock={lockFile}");
            Assert.True(run.ExitCode == 0, "Generation failed (did `dotnet tool restore` run?):\n" + run.Output);

            var committed = Path.Combine(Repository.Root, "src", "TryVox.Client", "Generated");
            var differences = Compare(committed, output)
                .Concat(Compare(Path.Combine(Repository.Root, "kiota-lock.json"), lockFile, "kiota-lock.json"))
                .ToList();

            Assert.True(differences.Count == 0,
                $"The committed client differs from what spec/tryvox.yaml generates. Run `{Regenerate}` and commit the result.\n" +
                string.Join('\n', differences));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Compare(string committedDir, string freshDir)
    {
        var committed = Files(committedDir);
        var fresh = Files(freshDir);
        foreach (var file in committed.Keys.Except(fresh.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"  stale (no longer generated): Generated/{file}";
        }

        foreach (var file in fresh.Keys.Except(committed.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"  missing (newly generated):   Generated/{file}";
        }

        foreach (var file in committed.Keys.Intersect(fresh.Keys).Order(StringComparer.Ordinal))
        {
            foreach (var difference in Compare(committed[file], fresh[file], "Generated/" + file))
            {
                yield return difference;
            }
        }
    }

    private static IEnumerable<string> Compare(string committedFile, string freshFile, string name)
    {
        var committed = File.ReadAllLines(committedFile);
        var fresh = File.ReadAllLines(freshFile);
        var line = Enumerable.Range(0, Math.Max(committed.Length, fresh.Length))
            .FirstOrDefault(i => i >= committed.Length || i >= fresh.Length || committed[i] != fresh[i], -1);
        if (line >= 0)
        {
            yield return $"  changed: {name} (first difference at line {line + 1}: committed `{At(committed, line)}`, generated `{At(fresh, line)}`)";
        }
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "<end of file>";

    private static Dictionary<string, string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), f => f, StringComparer.Ordinal);
}
