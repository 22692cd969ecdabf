using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using TryVox.Client.Authentication;

namespace TryVox.Cli;

/// <summary>
/// Finds TryVox keys in files, with the pattern the TVX0001 analyzer uses. Files are read line by line,
/// so only the current line is in memory; binary files and files over a size limit are not read.
/// </summary>
internal static partial class KeyScanner
{
    /// <summary>Folders never scanned outside git: its own data, build output, npm packages.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules" };

    /// <summary>As git decides: a NUL byte in the first 8,000 bytes makes a file binary.</summary>
    public const int BinaryProbeBytes = 8000;

    /// <summary>What reading a file gave.</summary>
    public enum Outcome
    {
        Scanned,
        Binary,
        TooLarge,
    }

    /// <summary>
    /// The files to scan under <paramref name="folder"/>, relative to it: those git tracks when the folder is in a
    /// work tree (the index, as a pre-commit hook sees it; submodules and files deleted since are left out), otherwise
    /// every file except under <see cref="SkippedFolders"/>. Symbolic links are not followed.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Files, bool FromGit)> ListFilesAsync(string folder, CancellationToken cancellationToken)
    {
        var tracked = await GitTrackedFilesAsync(folder, cancellationToken).ConfigureAwait(false);
        return tracked is null
            ? (WalkFiles(folder, folder).ToList(), false)
            : (tracked.Where(file => new FileInfo(Path.Combine(folder, file)) is { Exists: true, LinkTarget: null }).ToList(), true);
    }

    /// <summary>
    /// The keys in <paramref name="path"/> with their 1-based line numbers, masked as <see cref="TryVoxApiKey.Hint"/> shows keys.
    /// Every match is a well-formed key (a documented prefix, then key characters), so it always parses.
    /// </summary>
    public static Outcome FindKeys(string path, long maxBytes, List<(int Line, string MaskedKey)> found)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            return Outcome.TooLarge;
        }

        if (IsBinary(stream))
        {
            return Outcome.Binary;
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Contains(ApiKeyPattern.CommonPrefix, StringComparison.Ordinal))
            {
                foreach (Match key in Key().Matches(line))
                {
                    found.Add((number, TryVoxApiKey.Parse(key.Value).Hint));
                }
            }
        }

        return Outcome.Scanned;
    }

    private static bool IsBinary(FileStream stream)
    {
        var buffer = new byte[BinaryProbeBytes];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var start = buffer.AsSpan(0, length);

        // UTF-16 text, marked by its byte order mark, is full of NUL bytes.
        return !start.StartsWith((byte[])[0xFF, 0xFE]) && !start.StartsWith((byte[])[0xFE, 0xFF]) && start.Contains((byte)0);
    }

    /// <summary><c>git ls-files</c> under <paramref name="folder"/>, or null when git is missing or the folder is not in a work tree.</summary>
    private static async Task<IReadOnlyList<string>?> GitTrackedFilesAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["-C", folder, "ls-files", "-z"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                await error.ConfigureAwait(false);
                return process.ExitCode == 0 ? (await output.ConfigureAwait(false)).Split('\0', StringSplitOptions.RemoveEmptyEntries) : null;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    private static IEnumerable<string> WalkFiles(string root, string folder)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(root, file);
        }

        foreach (var child in Directory.EnumerateDirectories(folder, "*", options).Order(StringComparer.Ordinal))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(child)))
            {
                foreach (var file in WalkFiles(root, child))
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex(ApiKeyPattern.Regex, RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
