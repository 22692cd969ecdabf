using System.Text;

namespace TryVox.Cli.Tests;

/// <summary><c>tryvox keys scan</c> over temporary folders and git repositories.</summary>
public sealed class KeysScanTests : IDisposable
{
    private const string LiveKey = "tvx_sk_live_4f9a8b7c6d5e1234";
    private const string SandboxKey = "tvx_sk_test_4f9a8b7c6d5e";
    private const string ShortKey = "tvx_sk_test_sandbox";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("tryvox-keys-");

    private string Root => _root.FullName;

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_folder_is_scanned_file_by_file_with_keys_masked_and_exits_1()
    {
        Write(".env", $"TRYVOX_API_KEY={SandboxKey}\n");
        Write("appsettings.json", $"{{\n  \"TryVox\": {{\n    \"ApiKey\": \"{LiveKey}\"\n  }}\n}}\n");
        Write("src/Program.cs", $"// keys\r\nvar keys = new[] {{ \"{LiveKey}\", \"{ShortKey}\" }};\r\n");
        Write("docs.md", "Keys look like tvx_sk_live_… or, in the reference, tvx_sk_live_abc123...; the prefix alone is tvx_sk_test_.\n");
        Write("bin/Debug/app.config", LiveKey);
        Write("obj/project.assets.json", LiveKey);
        Write("node_modules/tryvox/index.js", LiveKey);
        Write(".git/info.txt", LiveKey);
        File.WriteAllBytes(Path.Combine(Root, "data.bin"), [.. Encoding.ASCII.GetBytes(LiveKey), 0, 1, 2]);

        var result = await Cli.RunAsync(["keys", "scan", Root]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Cli.Lines(
            $"{Root}/.env:1: tvx_sk_test_…6d5e",
            $"{Root}/appsettings.json:3: tvx_sk_live_…1234",
            $"{Root}/src/Program.cs:2: tvx_sk_live_…1234",
            $"{Root}/src/Program.cs:2: tvx_sk_test_…"), result.Out);
        Assert.Equal(Cli.Lines("tryvox: found 4 TryVox keys in 3 files. Read keys from TRYVOX_API_KEY or configuration instead, " +
            "and delete a key that was committed in the TryVox Dashboard."), result.Error);
        AssertNoWholeKey(result);
    }

    [Fact]
    public async Task Big_files_are_read_to_the_end_line_by_line_and_files_over_the_limit_are_named_and_skipped()
    {
        Write("big.log", string.Concat(Enumerable.Repeat("a line of an ordinary log file, with nothing secret in it\n", 60_000)) + $"key={LiveKey}\n");
        Write("small.txt", $"key={SandboxKey}\n");
        Assert.True(new FileInfo(Path.Combine(Root, "big.log")).Length > 3 * 1024 * 1024);

        var whole = await Cli.RunAsync(["keys", "scan", Root]);
        var limited = await Cli.RunAsync(["keys", "scan", Root, "--max-size", "1"]);

        Assert.Equal((1, Cli.Lines($"{Root}/big.log:60001: tvx_sk_live_…1234", $"{Root}/small.txt:1: tvx_sk_test_…6d5e")), (whole.ExitCode, whole.Out));
        Assert.Equal((1, Cli.Lines($"{Root}/small.txt:1: tvx_sk_test_…6d5e")), (limited.ExitCode, limited.Out));
        Assert.StartsWith(Cli.Lines($"tryvox: skipped {Root}/big.log: larger than 1 MB (--max-size).") + "tryvox: found 1 TryVox key in 1 file.",
            limited.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_git_work_tree_only_tracked_files_are_scanned()
    {
        Write("tracked.json", $"{{\"key\": \"{LiveKey}\"}}\n");
        Write("app/settings.txt", $"first line\nkey={SandboxKey}\n");
        Write("untracked.json", $"{{\"key\": \"{LiveKey}\"}}\n");
        Write("app/untracked.txt", LiveKey);
        await GitAsync("init", "-q");
        await GitAsync("add", "tracked.json", "app/settings.txt");

        var whole = await Cli.RunAsync(["keys", "scan", Root]);
        var app = await Cli.RunAsync(["keys", "scan", Path.Combine(Root, "app")]);

        Assert.Equal((1, Cli.Lines($"{Root}/app/settings.txt:2: tvx_sk_test_…6d5e", $"{Root}/tracked.json:1: tvx_sk_live_…1234")), (whole.ExitCode, whole.Out));
        Assert.Equal((1, Cli.Lines($"{Root}/app/settings.txt:2: tvx_sk_test_…6d5e")), (app.ExitCode, app.Out));
        AssertNoWholeKey(whole);
    }

    [Fact]
    public async Task A_clean_tree_exits_0_and_says_what_it_scanned()
    {
        Write("README.md", "Set TRYVOX_API_KEY=tvx_sk_test_… before running.\n");
        Write("src/App.cs", "var key = Environment.GetEnvironmentVariable(\"TRYVOX_API_KEY\");\n");
        await GitAsync("init", "-q");
        await GitAsync("add", ".");

        var result = await Cli.RunAsync(["keys", "scan", Root]);

        Assert.Equal((0, Cli.Lines($"No TryVox keys in 2 files (the files git tracks under {Root})."), ""), (result.ExitCode, result.Out, result.Error));
    }

    [Fact]
    public async Task A_single_file_can_be_scanned()
    {
        Write("settings.ini", $"[tryvox]\napi_key = {LiveKey}\n");
        var file = Path.Combine(Root, "settings.ini");

        var result = await Cli.RunAsync(["keys", "scan", file]);

        Assert.Equal((1, Cli.Lines($"{file}:2: tvx_sk_live_…1234")), (result.ExitCode, result.Out));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_a_usage_error()
    {
        var missing = Path.Combine(Root, "missing");

        var result = await Cli.RunAsync(["keys", "scan", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"tryvox: keys scan: '{missing}' is not a file or folder. Give the folder to scan, such as '.'. See 'tryvox keys scan --help'.",
            result.ErrorLine);
    }

    /// <summary>The README's hook, run by git itself: a commit holding a key is refused, and goes through once the key is gone.</summary>
    [Fact]
    public async Task As_a_pre_commit_hook_it_refuses_a_commit_that_holds_a_key()
    {
        await GitAsync("init", "-q");
        var hook = Path.Combine(Root, ".git", "hooks", "pre-commit");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\nexec dotnet \"{Cli.DllPath}\" keys scan\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Write("config.json", $"{{\"key\": \"{LiveKey}\"}}\n");
        await GitAsync("add", "config.json");

        var refused = await CommitAsync();
        Write("config.json", "{\"key\": null}\n");
        await GitAsync("add", "config.json");
        var accepted = await CommitAsync();

        Assert.NotEqual(0, refused.ExitCode);
        // git sends a hook's output to its own standard error.
        Assert.Contains("config.json:1: tvx_sk_live_…1234", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("tryvox: found 1 TryVox key in 1 file.", refused.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, refused.Output, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Contains("No TryVox keys in 1 file (the files git tracks under .).", accepted.Output, StringComparison.Ordinal);
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task GitAsync(params string[] arguments)
    {
        var run = await Repository.RunAsync("git", ["-C", Root, .. arguments]);
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', arguments)} failed:\n{run.Output}");
    }

    /// <summary>A commit with a fixed identity, no signing, and this repository's own hooks whatever the machine's git configuration says.</summary>
    private Task<ToolRun> CommitAsync() => Repository.RunAsync("git", "-C", Root, "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false", "-c", "core.hooksPath=.git/hooks", "commit", "-q", "-m", "change");

    private static void AssertNoWholeKey(CliResult result)
    {
        foreach (var key in (string[])[LiveKey, SandboxKey, ShortKey])
        {
            Assert.DoesNotContain(key, result.Out + result.Error, StringComparison.Ordinal);
        }
    }
}
