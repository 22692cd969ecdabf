using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TryVox.Packaging.Tests;

/// <summary>
/// The shipped packages, packed once (Release) from this commit into a temporary folder for every test of the
/// collection. The global packages folder is the only NuGet source and everything is built under the temporary
/// folder: nothing goes to the network, and a concurrent build in the repository is not disturbed.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>The projects whose packages ship, by package id.</summary>
    public static readonly IReadOnlyDictionary<string, string> Shipped = new Dictionary<string, string>
    {
        ["TryVox.Client"] = "src/TryVox.Client/TryVox.Client.csproj",
        ["TryVox.Client.DependencyInjection"] = "src/TryVox.Client.DependencyInjection/TryVox.Client.DependencyInjection.csproj",
        ["TryVox.Client.Redis"] = "src/TryVox.Client.Redis/TryVox.Client.Redis.csproj",
        ["TryVox.Client.Testing"] = "src/TryVox.Client.Testing/TryVox.Client.Testing.csproj",
        ["TryVox.Cli"] = "src/TryVox.Cli/TryVox.Cli.csproj",
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tryvox-packages-");

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Feed => Path.Combine(_work.FullName, "feed");

    /// <summary>A NuGet configuration: TryVox packages from <see cref="Feed"/> only, everything else from the global packages folder.</summary>
    public string NuGetConfig => Path.Combine(_work.FullName, "nuget.config");

    /// <summary>Where builds started by these tests put their output.</summary>
    public string ArtifactsPath => Path.Combine(_work.FullName, "artifacts");

    /// <summary>The version the packages were packed with.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The commit the packages were packed from (<c>git rev-parse HEAD</c>).</summary>
    public string Commit { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        await File.WriteAllTextAsync(NuGetConfig, NuGetConfigText(Feed, await GlobalPackagesFolderAsync()));
        var head = await Repository.RunAsync("git", "rev-parse", "HEAD");
        Assert.True(head.ExitCode == 0, "git rev-parse HEAD failed:\n" + head.Output);
        Commit = head.StandardOutput.Trim();

        // One build for all of them (a solution filter), which shares their common projects.
        var filter = Path.Combine(_work.FullName, "packages.slnf");
        await File.WriteAllTextAsync(filter, SolutionFilter());
        var pack = await Repository.RunAsync(TimeSpan.FromMinutes(10), "dotnet",
            ["pack", filter, "-c", "Release", $"-p:PackageOutputPath={Feed}", "--configfile", NuGetConfig, .. IsolatedBuild]);
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
        Version = Regex.Match(string.Join(' ', Directory.GetFiles(Feed)), @"TryVox\.Client\.(\d+\.\d+\.\d+\S*?)\.nupkg").Groups[1].Value;
    }

    /// <summary>Arguments that keep a build's output, and its restore's advice lookups, inside the temporary folder.</summary>
    public string[] IsolatedBuild => ["--artifacts-path", ArtifactsPath, "--disable-build-servers", "-p:NuGetAudit=false", "-nologo"];

    /// <summary>The package <paramref name="id"/> as packed.</summary>
    public PackedPackage Open(string id) => new(Path.Combine(Feed, $"{id}.{Version}.nupkg"), Path.Combine(Feed, $"{id}.{Version}.snupkg"), id);

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static string SolutionFilter()
    {
        var projects = string.Join(", ", Shipped.Values.Select(p => $"\"{p}\""));
        var solution = Path.Combine(Repository.Root, "TryVox.Generated.sln").Replace("\\", "/", StringComparison.Ordinal);
        return $$"""{ "solution": { "path": "{{solution}}", "projects": [ {{projects}} ] } }""";
    }

    private static async Task<string> GlobalPackagesFolderAsync()
    {
        var locals = await Repository.RunAsync("dotnet", "nuget", "locals", "global-packages", "--list");
        return Regex.Match(locals.StandardOutput, @"global-packages:\s*(\S.*?)\s*$", RegexOptions.Multiline).Groups[1].Value;
    }

    /// <summary>The TryVox packages from the packed folder only (a stale copy elsewhere cannot win); everything else from the global packages folder.</summary>
    private static string NuGetConfigText(string feed, string globalPackages) =>
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

/// <summary>Every test that needs the packed packages shares one <see cref="PackedPackages"/>.</summary>
[CollectionDefinition(nameof(PackedPackages))]
public sealed class SharesPackedPackages : ICollectionFixture<PackedPackages>;

/// <summary>One packed package and its symbol package, read as NuGet reads them.</summary>
public sealed class PackedPackage(string path, string symbolsPath, string id)
{
    public string Id { get; } = id;

    public string Path { get; } = path;

    public string SymbolsPath { get; } = symbolsPath;

    /// <summary>The nuspec's <c>metadata</c> element, without its namespace (which differs with the features used).</summary>
    public XElement Metadata
    {
        get
        {
            using var zip = ZipFile.OpenRead(Path);
            using var nuspec = zip.GetEntry($"{Id}.nuspec")?.Open() ?? throw new InvalidOperationException($"{Path} has no {Id}.nuspec.");
            var document = XDocument.Load(nuspec);
            foreach (var element in document.Descendants())
            {
                element.Name = element.Name.LocalName;
            }

            return document.Root!.Element("metadata")!;
        }
    }

    /// <summary>The files of the package, NuGet's own bookkeeping left out.</summary>
    public IReadOnlyList<string> Files => Entries(Path);

    public IReadOnlyList<string> SymbolFiles => Entries(SymbolsPath);

    public byte[] Read(string entry) => ReadEntry(Path, entry);

    public byte[] ReadSymbols(string entry) => ReadEntry(SymbolsPath, entry);

    private static List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml" && !name.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static byte[] ReadEntry(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new InvalidOperationException($"{package} has no {entry}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
