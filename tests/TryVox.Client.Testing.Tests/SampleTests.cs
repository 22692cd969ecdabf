using System.Text.RegularExpressions;

namespace TryVox.Client.Testing.Tests;

/// <summary>
/// samples/TryVox.Testing.Sample, an application's test project that references the packages only, passes
/// against the packages built from this commit. Both are packed into a temporary folder, which with the
/// global packages folder (for xunit, Kiota, TestHost) is the only NuGet source: nothing goes to the network.
/// </summary>
public sealed class SampleTests
{
    private const string Sample = "samples/TryVox.Testing.Sample";

    [Fact]
    public async Task The_sample_passes_against_the_packed_packages()
    {
        var work = Directory.CreateTempSubdirectory("tryvox-sample-");
        try
        {
            var feed = work.CreateSubdirectory("feed").FullName;
            var config = Path.Combine(work.FullName, "nuget.config");
            await File.WriteAllTextAsync(config, NuGetConfig(feed, await GlobalPackagesFolderAsync()));
            // Built under the temporary folder: a concurrent build of the same projects in the repository is not disturbed.
            string[] isolated = ["--artifacts-path", Path.Combine(work.FullName, "artifacts"), "--disable-build-servers", "-p:NuGetAudit=false"];
            foreach (var project in new[] { "src/TryVox.Client", "src/TryVox.Client.Testing" })
            {
                var pack = await Repository.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, "--configfile", config, .. isolated]);
                Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}");
            }

            var packages = Path.Combine(work.FullName, "packages");
            var test = await Repository.RunAsync("dotnet",
                ["test", Sample, $"-p:RestoreConfigFile={config}", $"-p:RestorePackagesPath={packages}", .. isolated]);

            var tests = Regex.Count(await File.ReadAllTextAsync(Path.Combine(Repository.Root, Sample, "PlacingCallsTests.cs")), @"\[Fact\]");
            Assert.True(test.ExitCode == 0, $"dotnet test {Sample} failed:\n{test.Output}");
            Assert.Matches($@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+{tests},\s+Skipped:\s+0", test.StandardOutput);
            var version = Regex.Match(string.Join(' ', Directory.GetFiles(feed)), @"TryVox\.Client\.Testing\.(\d+\.\d+\.\d+\S*)\.nupkg").Groups[1].Value;
            Assert.True(Directory.Exists(Path.Combine(packages, "tryvox.client.testing", version)), $"TryVox.Client.Testing {version} was not restored from the packed folder.");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> GlobalPackagesFolderAsync()
    {
        var locals = await Repository.RunAsync("dotnet", "nuget", "locals", "global-packages", "--list");
        return Regex.Match(locals.StandardOutput, @"global-packages:\s*(\S.*?)\s*$", RegexOptions.Multiline).Groups[1].Value;
    }

    /// <summary>The TryVox packages from the packed folder only (a stale copy elsewhere cannot win); everything else from the global packages folder.</summary>
    private static string NuGetConfig(string feed, string globalPackages) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed" value="{feed}" />
            <add key="global-packages" value="{globalPackages}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="packed">
              <package pattern="TryVox.*" />
            </packageSource>
            <packageSource key="global-packages">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
