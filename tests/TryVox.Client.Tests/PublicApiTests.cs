using PublicApiGenerator;

namespace TryVox.Client.Tests;

/// <summary>
/// The package's public surface, generated and hand-written, is recorded in TryVox.Client.api.txt, so
/// that a regeneration or a change that alters it shows up in review instead of reaching users unnoticed.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_recorded_one()
    {
        var approved = Path.Combine(Repository.Root, "tests", "TryVox.Client.Tests", "TryVox.Client.api.txt");
        var received = Path.ChangeExtension(approved, ".received.txt");
        var api = typeof(TryVoxClient).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }).ReplaceLineEndings("\n") + "\n";

        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == api)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, api);
        Assert.Fail(
            $"The public API of TryVox.Client differs from {Path.GetRelativePath(Repository.Root, approved)}. Review the difference; " +
            $"if it is intended, accept it with:\n  mv {Path.GetRelativePath(Repository.Root, received)} {Path.GetRelativePath(Repository.Root, approved)}");
    }
}
