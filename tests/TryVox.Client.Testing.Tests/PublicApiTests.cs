using System.Reflection;

namespace TryVox.Client.Testing.Tests;

/// <summary>The package's public API is the test kit alone: every type NSwag generates from the spec stays internal.</summary>
public sealed class PublicApiTests
{
    public const string GeneratedNamespace = "TryVox.Client.Testing.Server.Generated";

    /// <summary>Every type of <paramref name="assembly"/> visible outside it, by full name.</summary>
    public static IEnumerable<string> PublicTypes(Assembly assembly) => assembly.GetExportedTypes().Select(type => type.FullName!).Order(StringComparer.Ordinal);

    [Fact]
    public void Every_public_type_is_one_of_the_test_kits_and_no_generated_type_is_visible()
    {
        var assembly = typeof(TryVoxTestServer).Assembly;
        var generated = assembly.GetTypes().Where(type => type.Namespace == GeneratedNamespace).ToList();

        Assert.Equal(
            [
                "TryVox.Client.Testing.PlacedCall", "TryVox.Client.Testing.RecordedRequest", "TryVox.Client.Testing.TryVoxFault",
                "TryVox.Client.Testing.TryVoxFaultKind", "TryVox.Client.Testing.TryVoxFaults", "TryVox.Client.Testing.TryVoxOperation",
                "TryVox.Client.Testing.TryVoxTestServer", "TryVox.Client.Testing.TryVoxTestServerMode", "TryVox.Client.Testing.TryVoxTestServerOptions",
            ],
            PublicTypes(assembly));
        Assert.Contains(generated, type => type.Name == "CallsControllerBase");
        Assert.Contains(generated, type => type.Name == "CreateCallRequest");
        Assert.All(generated, type => Assert.False(type.IsVisible, type.FullName));
    }
}
