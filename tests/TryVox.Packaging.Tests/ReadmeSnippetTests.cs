namespace TryVox.Packaging.Tests;

/// <summary>
/// The README (which every package carries) and docs/ show only code that compiles: each C# block of the README is a
/// copy of a region of a compiled file under samples/ or tests/ (see <see cref="Snippets"/>), and stays one.
/// </summary>
public sealed class ReadmeSnippetTests
{
    /// <summary>Set by <c>scripts/update-snippets.sh</c>: rewrite the docs' marked blocks from their sources.</summary>
    private static readonly bool Update = Environment.GetEnvironmentVariable("TRYVOX_UPDATE_SNIPPETS") == "true";

    [Fact]
    public void Every_marked_block_of_the_docs_is_a_copy_of_its_source()
    {
        var snippets = Snippets.FromSources();
        var report = new List<string>();
        foreach (var document in Snippets.Documents)
        {
            var problems = new List<string>();
            var markdown = File.ReadAllText(document);
            var rendered = Snippets.Render(markdown, snippets, problems);
            if (Update && rendered != markdown.ReplaceLineEndings("\n"))
            {
                File.WriteAllText(document, rendered);
            }

            report.AddRange(problems.Select(p => $"{Path.GetRelativePath(Repository.Root, document)}, {p}"));
        }

        Assert.True(report.Count == 0 || (Update && report.TrueForAll(p => p.EndsWith("differs from its source.", StringComparison.Ordinal))),
            "The docs' code blocks are not the code that is compiled:\n  " + string.Join("\n  ", report) +
            $"\nEdit the code in its source file (the // <snippet:NAME> region), then run {Snippets.UpdateCommand} to copy it into the docs.");
    }

    [Fact]
    public void Every_csharp_block_of_the_README_comes_from_a_compiled_file()
    {
        var unmarked = Snippets.UnmarkedCSharpBlocks(File.ReadAllText(Path.Combine(Repository.Root, "README.md"))).ToList();

        Assert.True(unmarked.Count == 0,
            $"README.md has C# blocks that no compiled file backs, at lines {string.Join(", ", unmarked)}. Put the code in a .cs file " +
            "under samples/ or tests/ between // <snippet:NAME> and // </snippet>, put <!-- snippet: NAME --> on the line before " +
            $"the block, and run {Snippets.UpdateCommand}.");
    }
}
