using System.Text.RegularExpressions;

namespace TryVox.Spec.Tests.Growth;

/// <summary>One compiler or MSBuild error, with its file relative to the repository (empty when it names none).</summary>
internal sealed record BuildError(string File, int Line, string Code, string Message)
{
    /// <summary>
    /// Code the generators write (Kiota's <c>Generated/</c>, NSwag's and the model readers' files under <c>obj/</c>): a
    /// team fixes it by changing the spec or a generator's settings, never by editing it.
    /// </summary>
    public bool InGeneratedCode => File.Contains("/Generated/", StringComparison.Ordinal) || File.Contains("/obj/", StringComparison.Ordinal);

    /// <summary>An unrecorded or removed public API entry: scripts/update-public-api.sh records it once the code builds.</summary>
    public bool IsUnrecordedApi => Code is "RS0016" or "RS0017";

    public override string ToString() => File.Length == 0 ? $"{Code}: {Message}" : $"{File}({Line}): {Code}: {Message}";
}

/// <summary>What a build printed, read as a reader of its log would: the errors once each, and the projects it built.</summary>
internal sealed partial class BuildLog
{
    private BuildLog(IReadOnlyList<BuildError> errors, IReadOnlySet<string> built)
    {
        Errors = errors;
        Built = built;
    }

    public IReadOnlyList<BuildError> Errors { get; }

    /// <summary>The projects whose output the build wrote (<c>  Name -> path</c>).</summary>
    public IReadOnlySet<string> Built { get; }

    /// <summary>
    /// The hand-written files a team has to edit before the build passes: those with errors, but code that is
    /// generated and API entries that the script records.
    /// </summary>
    public IReadOnlyList<string> HandWrittenFilesWithErrors =>
        [.. Errors.Where(e => e.File.Length > 0 && !e.InGeneratedCode && !e.IsUnrecordedApi).Select(e => e.File).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The error codes, most frequent first: <c>CS0534 ×7, CS0115 ×2</c>.</summary>
    public string Codes => string.Join(", ", Errors.GroupBy(e => e.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} ×{g.Count()}"));

    public static BuildLog Read(string output, string root)
    {
        var errors = new List<BuildError>();
        var built = new HashSet<string>(StringComparer.Ordinal);
        var prefix = root.TrimEnd('/') + "/";
        foreach (var line in output.Split('\n'))
        {
            if (ErrorLine().Match(line.TrimEnd('\r')) is { Success: true } error)
            {
                var file = error.Groups["file"].Value.Trim();
                errors.Add(new BuildError(
                    file.StartsWith(prefix, StringComparison.Ordinal) ? file[prefix.Length..] : file,
                    error.Groups["line"].Success ? int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                    error.Groups["code"].Value,
                    error.Groups["message"].Value.Trim()));
            }
            else if (OutputLine().Match(line) is { Success: true } project)
            {
                built.Add(project.Groups["project"].Value);
            }
        }

        // MSBuild repeats every error in its summary.
        return new BuildLog([.. errors.Distinct()], built);
    }

    /// <summary>The C# projects of a solution file.</summary>
    public static IReadOnlyList<string> Projects(string solution) =>
        [.. ProjectLine().Matches(File.ReadAllText(solution)).Select(m => m.Groups["project"].Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*?)?(?:\((?<line>\d+),\d+\))?\s*:\s*error\s+(?<code>[A-Z]+\d+)\s*:\s*(?<message>.*?)(?:\s+\[[^\]]+\])?$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s+(?<project>[\w.]+) -> /")]
    private static partial Regex OutputLine();

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""(?<project>[^""]+)"", ""[^""]+\.csproj""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
