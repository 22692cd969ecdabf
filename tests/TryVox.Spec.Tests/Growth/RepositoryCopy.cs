namespace TryVox.Spec.Tests.Growth;

/// <summary>
/// A copy of the repository's files (those git tracks, and new ones it does not ignore) in a folder of its own under
/// the repository's ignored <c>artifacts/spec-growth/</c> (not the machine's shared temporary folder, which others
/// clean), with a git repository of its own, so what each step changes can be listed and the real tree is never touched.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly TimeSpan GitLimit = TimeSpan.FromMinutes(1);

    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    public static async Task<RepositoryCopy> CreateAsync()
    {
        var files = await Repository.RunAsync(GitLimit, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        Assert.True(files.ExitCode == 0, "git ls-files failed in the repository:\n" + files.Output);
        var copy = new RepositoryCopy(Path.Combine(Repository.Root, "artifacts", "spec-growth", Path.GetRandomFileName()));
        foreach (var file in files.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(Repository.Root, file);
            if (File.Exists(source))
            {
                var target = Path.Combine(copy.Root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        await copy.GitAsync("init", "-q");
        await copy.CommitAsync("the repository as it is");
        return copy;
    }

    /// <summary>The files changed since the last commit (generated, recorded or written by hand), relative to the root.</summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync()
    {
        var status = await GitAsync("status", "--porcelain", "--untracked-files=all");
        return [.. status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[3..].Trim('"')).Order(StringComparer.Ordinal)];
    }

    /// <summary>Lines added and removed in <paramref name="file"/> since the last commit.</summary>
    public async Task<(int Added, int Removed)> LinesChangedAsync(string file)
    {
        var numbers = (await GitAsync("diff", "--numstat", "--", file)).Split('\t');
        return numbers.Length < 2 ? (0, 0)
            : (int.Parse(numbers[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(numbers[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task CommitAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=growth", "-c", "user.email=growth@localhost", "commit", "-q", "--allow-empty", "--no-verify", "-m", message);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var run = await Repository.RunInAsync(Root, GitLimit, "git", arguments);
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', arguments)} failed in the copy {Root}:\n{run.Output}");
        return run.StandardOutput;
    }
}
