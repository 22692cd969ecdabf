using System.Reflection;
using PublicApiGenerator;

namespace TryVox.Testing;

/// <summary>
/// A package's public surface must stay as recorded in a file of the repository: a difference fails,
/// writes what was found beside the file as <c>.received.txt</c> and prints the command that accepts it,
/// so an API change is reviewed rather than shipped by surprise. For test projects that reference
/// PublicApiGenerator (compiled in by name, not with the rest of Shared/).
/// </summary>
internal static class PublicApi
{
    /// <param name="assembly">The package's assembly.</param>
    /// <param name="approvedPath">The recorded API, relative to the repository root.</param>
    public static void AssertRecorded(Assembly assembly, string approvedPath)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }).ReplaceLineEndings("\n") + "\n";
        var approved = Path.Combine(Repository.Root, approvedPath);
        var received = Path.ChangeExtension(approved, ".received.txt");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == api)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, api);
        Assert.Fail(
            $"The public API of {assembly.GetName().Name} differs from {approvedPath}. Review the difference; " +
            $"if it is intended, accept it with:\n  mv {Path.GetRelativePath(Repository.Root, received)} {approvedPath}");
    }
}
