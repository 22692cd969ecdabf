using System.Text;
using System.Text.RegularExpressions;

namespace TryVox.Packaging.Tests;

/// <summary>
/// C# blocks of the docs that are copies of compiled code. In a .cs file under samples/ or tests/, a region
/// <c>// &lt;snippet:NAME&gt;</c> … <c>// &lt;/snippet&gt;</c> holds the code (regions of one name in one file are joined
/// with a blank line, so a snippet can show its using directives and then code from inside a method); in a markdown
/// file, the line <c>&lt;!-- snippet: NAME --&gt;</c> right before a fenced block makes that block a copy of it.
/// </summary>
internal static partial class Snippets
{
    /// <summary>The markdown files whose marked blocks are kept in step with their sources.</summary>
    public static IEnumerable<string> Documents =>
        [Path.Combine(Repository.Root, "README.md"), .. Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")];

    /// <summary>What rewrites the docs from the sources.</summary>
    public const string UpdateCommand = "scripts/update-snippets.sh";

    /// <summary>Every snippet of the sources, by name; two files with a region of the same name are an error.</summary>
    public static IReadOnlyDictionary<string, string> FromSources()
    {
        var snippets = new Dictionary<string, (string File, string Code)>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            foreach (var (name, code) in Regions(file))
            {
                var relative = Path.GetRelativePath(Repository.Root, file);
                if (snippets.TryGetValue(name, out var other))
                {
                    throw new InvalidOperationException($"Snippet '{name}' is defined in both {other.File} and {relative}: rename one.");
                }

                snippets[name] = (relative, code);
            }
        }

        return snippets.ToDictionary(s => s.Key, s => s.Value.Code, StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="markdown"/> with each marked block replaced by its snippet; <paramref name="problems"/> names
    /// the blocks that differed and the markers whose snippet does not exist.
    /// </summary>
    public static string Render(string markdown, IReadOnlyDictionary<string, string> snippets, List<string> problems)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            output.Append(lines[i]).Append('\n');
            var marker = MarkerPattern().Match(lines[i]);
            if (!marker.Success)
            {
                continue;
            }

            var name = marker.Groups[1].Value;
            if (i + 1 >= lines.Length || !lines[i + 1].StartsWith("```", StringComparison.Ordinal))
            {
                problems.Add($"line {i + 1}: the snippet marker '{name}' must be followed by a ``` fence.");
                continue;
            }

            var end = Array.FindIndex(lines, i + 2, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                problems.Add($"line {i + 2}: the block of snippet '{name}' is not closed.");
                continue;
            }

            var current = string.Join('\n', lines[(i + 2)..end]);
            if (!snippets.TryGetValue(name, out var code))
            {
                problems.Add($"line {i + 1}: no source has the snippet '{name}' (add a // <snippet:{name}> region to a .cs file under samples/ or tests/).");
                code = current;
            }
            else if (code != current)
            {
                problems.Add($"line {i + 1}: the block of snippet '{name}' differs from its source.");
            }

            output.Append(lines[i + 1]).Append('\n').Append(code).Append('\n');
            i = end - 1;
        }

        return output.ToString(0, output.Length - 1);
    }

    /// <summary>The opening fences of C# blocks that are not marked as snippets, by line number.</summary>
    public static IEnumerable<int> UnmarkedCSharpBlocks(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            if (!inBlock && lines[i].Trim() is "```csharp" or "```cs" or "```c#" && (i == 0 || !MarkerPattern().IsMatch(lines[i - 1])))
            {
                yield return i + 1;
            }

            inBlock = !inBlock;
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "samples", "tests" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(Repository.Root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>The named regions of one file, parts of the same name joined with a blank line, each part dedented.</summary>
    private static IEnumerable<(string Name, string Code)> Regions(string file)
    {
        var parts = new List<(string Name, string Code)>();
        string? name = null;
        var body = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            var start = StartPattern().Match(line);
            if (start.Success)
            {
                name = name is null ? start.Groups[1].Value
                    : throw new InvalidOperationException($"{file}:{number}: snippet '{start.Groups[1].Value}' starts inside '{name}'.");
                body.Clear();
            }
            else if (EndPattern().IsMatch(line))
            {
                parts.Add((name ?? throw new InvalidOperationException($"{file}:{number}: // </snippet> without a start."), Dedent(body)));
                name = null;
            }
            else if (name is not null)
            {
                body.Add(line);
            }
        }

        if (name is not null)
        {
            throw new InvalidOperationException($"{file}: snippet '{name}' is not closed with // </snippet>.");
        }

        return parts.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => (g.Key, string.Join("\n\n", g.Select(p => p.Code))));
    }

    private static string Dedent(List<string> lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    [GeneratedRegex(@"^\s*// <snippet:([a-z0-9-]+)>\s*$")]
    private static partial Regex StartPattern();

    [GeneratedRegex(@"^\s*// </snippet>\s*$")]
    private static partial Regex EndPattern();

    [GeneratedRegex(@"^<!-- snippet: ([a-z0-9-]+) -->\s*$")]
    private static partial Regex MarkerPattern();
}
