using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TryVox.Client.Authentication;

namespace TryVox.Client.Analyzers.Tests;

/// <summary>
/// Runs TVX0001 and its fix on C# written in the tests. The code compiles against the SDK's net10.0
/// reference assemblies on this machine and TryVox.Client; the testing library's default would download
/// reference assemblies from NuGet, and no test may reach the network.
/// </summary>
internal static class Verify
{
    /// <summary>No reference-assembly package: the library has nothing to download or resolve.</summary>
    public static ReferenceAssemblies NoPackage { get; } = new("net10.0");

    /// <summary>Markup is <c>{|TVX0001:…|}</c> only: <c>$$</c> opens a raw interpolated string, not a caret position.</summary>
    private const MarkupOptions RawStrings = MarkupOptions.TreatPositionIndicatorsAsCode;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var folder = typeof(Verify).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetCoreAppReferenceAssemblies").Value!;
        Assert.True(Directory.Exists(folder), $"The .NET SDK's reference assemblies are missing: {folder}");
        var framework = Directory.GetFiles(folder, "*.dll").Select(path => MetadataReference.CreateFromFile(path));
        var sdk = new[] { typeof(TryVoxApiKey), typeof(Microsoft.Kiota.Abstractions.IRequestAdapter) }
            .Select(type => MetadataReference.CreateFromFile(type.Assembly.Location));
        return [.. framework, .. sdk];
    });

    /// <summary>Expects exactly the diagnostics marked <c>{|TVX0001:…|}</c> in <paramref name="source"/>.</summary>
    public static Task DiagnosticsAsync(string source)
    {
        var test = new CSharpAnalyzerTest<LeakedApiKeyAnalyzer, DefaultVerifier> { TestCode = source, MarkupOptions = RawStrings };
        Configure(test.TestState);
        return test.RunAsync();
    }

    /// <summary>
    /// Expects the marked diagnostics in <paramref name="sources"/>, and <paramref name="fixedSources"/> after fixing each
    /// one and after fixing all at once (document, project and solution). Unchanged sources mean no fix is offered.
    /// </summary>
    public static Task FixAsync(string[] sources, string[] fixedSources)
    {
        var test = new CSharpCodeFixTest<LeakedApiKeyAnalyzer, LeakedApiKeyCodeFixProvider, DefaultVerifier> { MarkupOptions = RawStrings };
        foreach (var (source, fixedSource) in sources.Zip(fixedSources))
        {
            test.TestState.Sources.Add(source);
            test.FixedState.Sources.Add(fixedSource);
        }

        Configure(test.TestState);
        Configure(test.FixedState);
        return test.RunAsync();
    }

    public static Task FixAsync(string source, string fixedSource) => FixAsync([source], [fixedSource]);

    /// <summary>Expects the marked diagnostics and no fix for any of them.</summary>
    public static Task NoFixAsync(string source) => FixAsync(source, source);

    private static void Configure(SolutionState state)
    {
        state.ReferenceAssemblies = NoPackage;
        state.AdditionalReferences.AddRange(References.Value);
    }
}
