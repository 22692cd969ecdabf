using System.CommandLine;
using System.Globalization;
using TryVox.Client;

namespace TryVox.Cli;

/// <summary><c>tryvox keys scan</c>: keys that should not be in files, found before they are committed.</summary>
internal static class KeysCommand
{
    private const int DefaultMaxSizeMegabytes = 10;

    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path")
        {
            Description = "The folder or file to scan.",
            DefaultValueFactory = _ => ".",
            Validators =
            {
                result =>
                {
                    var value = result.GetValueOrDefault<string>();
                    if (!Directory.Exists(value) && !File.Exists(value))
                    {
                        result.AddError($"keys scan: '{value}' is not a file or folder. Give the folder to scan, such as '.'.");
                    }
                },
            },
        };
        var maxSize = new Option<int>("--max-size")
        {
            Description = "Skip files larger than this many megabytes; each is named on stderr.",
            HelpName = "MB",
            DefaultValueFactory = _ => DefaultMaxSizeMegabytes,
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<int>() < 1)
                    {
                        result.AddError("--max-size must be at least 1 (megabytes).");
                    }
                },
            },
        };

        var scan = new Command("scan",
            "Find TryVox secret keys in files: prints file:line: and each key masked (tvx_sk_live_…1234). Inside a git work tree it scans " +
            "the files git tracks under the path, so it can run as a pre-commit hook; elsewhere every file under it except in .git, bin, " +
            $"obj and node_modules. Files are read line by line; binary files (a NUL byte in the first {KeyScanner.BinaryProbeBytes:N0} bytes) " +
            "are skipped, and so are files over --max-size. Exits 1 when it finds a key, 0 when it finds none, 2 when the path does not exist.")
        {
            path,
            maxSize,
        };
        scan.SetAction((result, cancellationToken) =>
            ScanAsync(result.GetRequiredValue(path), result.GetValue(maxSize), console, cancellationToken));

        return new Command("keys", "Find TryVox keys in files.") { scan };
    }

    private static async Task<int> ScanAsync(string target, int maxSizeMegabytes, CliConsole console, CancellationToken cancellationToken)
    {
        List<(string Path, string Shown)> files;
        string scope;
        if (File.Exists(target))
        {
            (files, scope) = ([(target, target)], target);
        }
        else
        {
            var (relative, fromGit) = await KeyScanner.ListFilesAsync(target, cancellationToken).ConfigureAwait(false);
            files = relative.Select(file => (Path.Combine(target, file), target == "." ? file : Path.Join(target, file))).ToList();
            scope = fromGit ? $"the files git tracks under {target}" : $"the files under {target}";
        }

        var found = new List<(int Line, string MaskedKey)>();
        var keys = 0;
        var filesWithKeys = 0;
        foreach (var (path, shown) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            found.Clear();
            try
            {
                if (KeyScanner.FindKeys(path, maxSizeMegabytes * 1024L * 1024L, found) == KeyScanner.Outcome.TooLarge)
                {
                    console.Error.WriteLine($"tryvox: skipped {shown}: larger than {maxSizeMegabytes} MB (--max-size).");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"tryvox: skipped {shown}: {e.Message}");
            }

            foreach (var (line, maskedKey) in found)
            {
                console.Out.WriteLine($"{shown}:{line}: {maskedKey}");
            }

            keys += found.Count;
            filesWithKeys += found.Count > 0 ? 1 : 0;
        }

        if (keys == 0)
        {
            console.Out.WriteLine($"No TryVox keys in {Count(files.Count, "file")} ({scope}).");
            return ExitCodes.Ok;
        }

        console.Error.WriteLine(
            $"tryvox: found {Count(keys, "TryVox key")} in {Count(filesWithKeys, "file")}. Read keys from {TryVoxClientFactory.ApiKeyEnvironmentVariable} " +
            "or configuration instead, and delete a key that was committed in the TryVox Dashboard.");
        return ExitCodes.KeysFound;
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
