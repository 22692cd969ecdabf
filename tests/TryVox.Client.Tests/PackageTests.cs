using System.IO.Compression;
using System.Xml.Linq;

namespace TryVox.Client.Tests;

/// <summary>What users install: the packed TryVox.Client.</summary>
public sealed class PackageTests(PackedClient packed) : IClassFixture<PackedClient>
{
    [Fact]
    public void The_package_depends_on_exactly_the_three_kiota_libraries()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath);
        using var nuspec = package.GetEntry("TryVox.Client.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value}").Order(StringComparer.Ordinal);

        Assert.Equal(
            ["Microsoft.Kiota.Abstractions 2.1.6", "Microsoft.Kiota.Http.HttpClientLibrary 2.1.6", "Microsoft.Kiota.Serialization.Json 2.1.6"],
            dependencies);
        Assert.NotNull(package.GetEntry("README.md"));
    }

    [Fact]
    public void The_key_analyzer_ships_as_an_analyzer_and_not_as_a_library()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath);
        var assemblies = package.Entries.Select(e => e.FullName).Where(name => name.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["analyzers/dotnet/cs/TryVox.Client.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/TryVox.Client.Analyzers.dll", "lib/net10.0/TryVox.Client.dll"],
            assemblies);
    }

    /// <summary>
    /// A new console project references the package from the pack folder and is restored with no network: its
    /// nuget.config lists only that folder and the global packages folder (which holds the Kiota libraries),
    /// and restores into a folder of its own, so the package never lands in the shared cache.
    /// </summary>
    [Fact]
    public async Task A_project_using_the_package_is_warned_of_a_key_in_its_source()
    {
        var project = Path.Combine(packed.Folder.FullName, "consumer");
        Directory.CreateDirectory(project);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var config = Path.Combine(project, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(project, "packages")}" /></config>
              <packageSources>
                <clear />
                <add key="packed" value="{Path.GetDirectoryName(packed.PackagePath)}" />
                <add key="global-packages" value="{globalPackages}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TryVox.Client" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using TryVox.Client;
            using TryVox.Client.Authentication;

            Console.WriteLine($"Keys look like {TryVoxApiKey.LivePrefix}…");
            var options = new TryVoxClientOptions { ApiKey = "tvx_sk_live_4f9a8b7c6d5e1234" };
            """);

        var restore = await Repository.RunAsync("dotnet", "restore", Path.Combine(project, "Consumer.csproj"), "--configfile", config, "-nologo");
        Assert.True(restore.ExitCode == 0, "restore failed:\n" + restore.Output);
        var build = await Repository.RunAsync("dotnet", "build", Path.Combine(project, "Consumer.csproj"), "--no-restore", "-nologo", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, "build failed:\n" + build.Output);

        var warnings = build.StandardOutput.Split('\n').Where(line => line.Contains(" warning ", StringComparison.Ordinal))
            .Select(line => line.Trim()[..line.Trim().IndexOf(" [", StringComparison.Ordinal)]).Distinct();
        Assert.Equal(
            [$"{Path.Combine(project, "Program.cs")}(5,50): warning TVX0001: A TryVox secret key is in source code: " +
                "read it from the TRYVOX_API_KEY environment variable or configuration instead " +
                "(https://github.com/tryvox/tryvox-dotnet#tvx0001-a-tryvox-key-in-source-code)"],
            warnings);
    }
}

/// <summary><c>dotnet pack</c> of TryVox.Client into a temporary folder, once for all the package tests.</summary>
public sealed class PackedClient : IAsyncLifetime
{
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("tryvox-pack-");

    public string PackagePath { get; private set; } = "";

    /// <summary>The package's version, from its file name.</summary>
    public string Version => Path.GetFileNameWithoutExtension(PackagePath)["TryVox.Client.".Length..];

    public async Task InitializeAsync()
    {
        var output = Folder.CreateSubdirectory("nupkg").FullName;
        var run = await Repository.RunAsync("dotnet", "pack", "src/TryVox.Client/TryVox.Client.csproj", "-c", "Release", "--no-restore", "-nologo", "-o", output);
        Assert.True(run.ExitCode == 0, "dotnet pack failed:\n" + run.Output);
        PackagePath = Assert.Single(Directory.GetFiles(output, "TryVox.Client.*.nupkg"));
    }

    public Task DisposeAsync()
    {
        Folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
