using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

namespace TryVox.Packaging.Tests;

/// <summary>The nuspec and the files of each shipped package: what NuGet, a symbol server and a reviewer see.</summary>
[Collection(nameof(PackedPackages))]
public sealed class PackageTests(PackedPackages packages)
{
    private const string RepositoryUrl = "https://github.com/tryvox/tryvox-dotnet";

    /// <summary>Analyzers the client package ships to its users (TVX0001 and its code fix), under <c>analyzers/dotnet/cs/</c>.</summary>
    private static readonly string[] ShippedAnalyzers = ["TryVox.Client.Analyzers.CodeFixes.dll", "TryVox.Client.Analyzers.dll"];

    /// <summary>Custom debug information kinds of a portable PDB (System.Reflection.Metadata documents them).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> Ids => new(PackedPackages.Shipped.Keys);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_package_is_MIT_licensed_and_carries_the_licence_and_the_README(string id)
    {
        var package = packages.Open(id);

        var license = package.Metadata.Element("license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", package.Metadata.Element("readme")?.Value);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Root, "LICENSE")), package.Read("LICENSE"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Root, "README.md")), package.Read("README.md"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_package_says_what_it_is_and_is_found_by_its_tags(string id)
    {
        var metadata = packages.Open(id).Metadata;

        var description = metadata.Element("description")?.Value ?? "";
        Assert.Contains("TryVox", description, StringComparison.Ordinal);
        Assert.NotEqual("Package Description", description);
        Assert.Contains("tryvox", (metadata.Element("tags")?.Value ?? "").Split(' '));
        Assert.Equal("TryVox", metadata.Element("authors")?.Value);
        Assert.Equal(RepositoryUrl, metadata.Element("projectUrl")?.Value);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_package_records_the_repository_and_the_commit_it_was_built_from(string id)
    {
        var repository = packages.Open(id).Metadata.Element("repository");

        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal(packages.Commit, repository.Attribute("commit")?.Value);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_package_has_a_snupkg_beside_it_with_portable_pdbs_that_match_its_assemblies_and_link_to_the_sources(string id)
    {
        var package = packages.Open(id);
        Assert.True(File.Exists(package.SymbolsPath), $"{Path.GetFileName(package.SymbolsPath)} is missing beside {Path.GetFileName(package.Path)}.");
        // The assemblies a debugger steps into: the libraries and the tool (analyzers run in the compiler).
        var assemblies = package.Files.Where(f => f.EndsWith(".dll", StringComparison.Ordinal) && !f.StartsWith("analyzers/", StringComparison.Ordinal)
            && Path.GetFileName(f).StartsWith("tryvox", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(assemblies);

        foreach (var assembly in assemblies)
        {
            var pdbPath = Path.ChangeExtension(assembly, ".pdb");
            Assert.Contains(pdbPath, package.SymbolFiles);
            // Throws BadImageFormatException for a Windows (full) PDB.
            using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(package.ReadSymbols(pdbPath)));
            var pdb = pdbProvider.GetMetadataReader();
            using var pe = new PEReader(new MemoryStream(package.Read(assembly)));
            var codeView = pe.ReadCodeViewDebugDirectoryData(pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView));
            Assert.True(codeView.Guid == new BlobContentId(pdb.DebugMetadataHeader!.Id).Guid, $"{pdbPath} is not the PDB of {assembly}.");

            var debugInformation = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation).ToList();
            var sourceLink = debugInformation.Where(i => pdb.GetGuid(i.Kind) == SourceLinkKind)
                .Select(i => Encoding.UTF8.GetString(pdb.GetBlobBytes(i.Value))).SingleOrDefault();
            Assert.Contains($"\"https://raw.githubusercontent.com/tryvox/tryvox-dotnet/{packages.Commit}/*\"", sourceLink ?? $"{pdbPath}: no Source Link", StringComparison.Ordinal);
            // Files that are not in the repository (generated during the build) travel inside the PDB instead.
            Assert.Contains(debugInformation, i => pdb.GetGuid(i.Kind) == EmbeddedSourceKind);
        }
    }

    [Theory]
    [InlineData("TryVox.Client")]
    [InlineData("TryVox.Client.DependencyInjection")]
    [InlineData("TryVox.Client.Redis")]
    [InlineData("TryVox.Client.Testing")]
    public void Each_library_has_its_assembly_and_xml_docs_in_lib(string id)
    {
        var package = packages.Open(id);

        Assert.Equal([$"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"], package.Files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal)));
        var docs = XDocument.Load(new MemoryStream(package.Read($"lib/net10.0/{id}.xml")));
        Assert.Equal(id, docs.Root?.Element("assembly")?.Element("name")?.Value);
        Assert.NotEmpty(docs.Descendants("member"));
    }

    [Fact]
    public void The_client_depends_on_exactly_the_three_Kiota_libraries_and_not_on_its_build_time_generator()
    {
        var package = packages.Open("TryVox.Client");

        Assert.Equal(
            [Central("Microsoft.Kiota.Abstractions"), Central("Microsoft.Kiota.Http.HttpClientLibrary"), Central("Microsoft.Kiota.Serialization.Json")],
            Dependencies(package));
        Assert.Equal(ShippedAnalyzers.Select(a => "analyzers/dotnet/cs/" + a), package.Files.Where(f => f.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.Equal(["LICENSE", "README.md", "lib/net10.0/TryVox.Client.dll", "lib/net10.0/TryVox.Client.xml"],
            package.Files.Where(f => !f.StartsWith("analyzers/", StringComparison.Ordinal)));
    }

    [Fact]
    public void No_package_carries_or_depends_on_the_generator()
    {
        foreach (var id in PackedPackages.Shipped.Keys)
        {
            var package = packages.Open(id);
            Assert.DoesNotContain(package.Files, f => f.Contains("Generators", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(Dependencies(package), d => d.Contains("Generators", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_dependency_injection_package_depends_on_the_client_of_the_same_version_and_the_extensions()
    {
        Assert.Equal(
            [
                Central("Microsoft.Extensions.Hosting.Abstractions"), Central("Microsoft.Extensions.Http"),
                Central("Microsoft.Extensions.Options.ConfigurationExtensions"), $"TryVox.Client {packages.Version}",
            ],
            Dependencies(packages.Open("TryVox.Client.DependencyInjection")));
    }

    [Fact]
    public void The_redis_package_depends_on_the_client_and_its_dependency_injection_of_the_same_version_and_StackExchange_Redis_alone()
    {
        Assert.Equal(
            [Central("StackExchange.Redis"), $"TryVox.Client {packages.Version}", $"TryVox.Client.DependencyInjection {packages.Version}"],
            Dependencies(packages.Open("TryVox.Client.Redis")));
    }

    [Fact]
    public void The_test_kit_depends_on_the_client_TestHost_YamlDotNet_and_ASP_NET_Core()
    {
        var package = packages.Open("TryVox.Client.Testing");

        Assert.Equal([Central("Microsoft.AspNetCore.TestHost"), $"TryVox.Client {packages.Version}", Central("YamlDotNet")], Dependencies(package));
        Assert.Equal(["Microsoft.AspNetCore.App"], package.Metadata.Descendants("frameworkReference").Select(f => f.Attribute("name")?.Value));
    }

    [Fact]
    public void The_cli_is_a_dotnet_tool_named_tryvox_with_everything_it_runs_on_under_tools()
    {
        var package = packages.Open("TryVox.Cli");

        Assert.Equal("DotnetTool", package.Metadata.Element("packageTypes")?.Element("packageType")?.Attribute("name")?.Value);
        Assert.Empty(Dependencies(package));
        Assert.All(package.Files.Where(f => f is not "LICENSE" and not "README.md"), f => Assert.StartsWith("tools/net10.0/any/", f, StringComparison.Ordinal));
        var command = XDocument.Load(new MemoryStream(package.Read("tools/net10.0/any/DotnetToolSettings.xml"))).Descendants("Command").Single();
        Assert.Equal(("tryvox", "tryvox.dll", "dotnet"),
            (command.Attribute("Name")?.Value, command.Attribute("EntryPoint")?.Value, command.Attribute("Runner")?.Value));
        foreach (var file in new[] { "tryvox.dll", "tryvox.runtimeconfig.json", "tryvox.deps.json", "TryVox.Client.dll", "System.CommandLine.dll" })
        {
            Assert.Contains("tools/net10.0/any/" + file, package.Files);
        }
    }

    /// <summary>
    /// A new console project references the packed client, restored from the packed folder and the global packages
    /// folder into a folder of its own (no network, nothing left in the shared cache): the analyzer shipped inside
    /// the package warns of a key in its source.
    /// </summary>
    [Fact]
    public async Task A_project_using_the_package_is_warned_of_a_key_in_its_source()
    {
        var project = Directory.CreateTempSubdirectory("tryvox-consumer-");
        try
        {
            var csproj = Path.Combine(project.FullName, "Consumer.csproj");
            await File.WriteAllTextAsync(csproj, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <NuGetAudit>false</NuGetAudit>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="TryVox.Client" Version="{packages.Version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(project.FullName, "Program.cs"), """
                using TryVox.Client;
                using TryVox.Client.Authentication;

                Console.WriteLine($"Keys look like {TryVoxApiKey.LivePrefix}…");
                var options = new TryVoxClientOptions { ApiKey = "tvx_sk_live_4f9a8b7c6d5e1234" };
                """);

            var restore = await Repository.RunAsync("dotnet", "restore", csproj, "--configfile", packages.NuGetConfig,
                "--packages", Path.Combine(project.FullName, "packages"), "-nologo");
            Assert.True(restore.ExitCode == 0, "restore failed:\n" + restore.Output);
            var build = await Repository.RunAsync("dotnet", "build", csproj, "--no-restore", "-nologo", "-nodeReuse:false");
            Assert.True(build.ExitCode == 0, "build failed:\n" + build.Output);

            var warnings = build.StandardOutput.Split('\n').Where(line => line.Contains(" warning ", StringComparison.Ordinal))
                .Select(line => line.Trim()[..line.Trim().IndexOf(" [", StringComparison.Ordinal)]).Distinct();
            Assert.Equal(
                [$"{Path.Combine(project.FullName, "Program.cs")}(5,50): warning TVX0001: A TryVox secret key is in source code: " +
                    "read it from the TRYVOX_API_KEY environment variable or configuration instead " +
                    "(https://github.com/tryvox/tryvox-dotnet#tvx0001-a-tryvox-key-in-source-code)"],
                warnings);
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    /// <summary>"id version" of each dependency, in order.</summary>
    private static List<string> Dependencies(PackedPackage package) =>
        package.Metadata.Descendants("dependency").Select(d => $"{d.Attribute("id")?.Value} {d.Attribute("version")?.Value}").Order(StringComparer.Ordinal).ToList();

    /// <summary>"id version" with the version pinned in Directory.Packages.props.</summary>
    private static string Central(string id)
    {
        var versions = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion");
        return $"{id} {versions.Single(v => v.Attribute("Include")?.Value == id).Attribute("Version")?.Value}";
    }
}
