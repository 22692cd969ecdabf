using System.Text.RegularExpressions;

namespace TryVox.Packaging.Tests;

/// <summary>
/// samples/TryVox.Testing.Sample, an application's test project that references the packages only, passes against
/// the packages built from this commit, restored from the packed folder.
/// </summary>
[Collection(nameof(PackedPackages))]
public sealed class SampleTests(PackedPackages packages)
{
    private const string Sample = "samples/TryVox.Testing.Sample";

    [Fact]
    public async Task The_test_kit_sample_passes_against_the_packed_packages()
    {
        var restored = Path.Combine(Path.GetDirectoryName(packages.NuGetConfig)!, "sample-packages");

        var test = await Repository.RunAsync(TimeSpan.FromMinutes(5), "dotnet",
            ["test", Sample, $"-p:RestoreConfigFile={packages.NuGetConfig}", $"-p:RestorePackagesPath={restored}", .. packages.IsolatedBuild]);

        var tests = Regex.Count(await File.ReadAllTextAsync(Path.Combine(Repository.Root, Sample, "PlacingCallsTests.cs")), @"\[Fact\]");
        Assert.True(test.ExitCode == 0, $"dotnet test {Sample} failed:\n{test.Output}");
        Assert.Matches($@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+{tests},\s+Skipped:\s+0", test.StandardOutput);
        Assert.True(Directory.Exists(Path.Combine(restored, "tryvox.client.testing", packages.Version)),
            $"TryVox.Client.Testing {packages.Version} was not restored from the packed folder.");
    }
}
