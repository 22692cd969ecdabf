using System.IO.Compression;
using System.Xml.Linq;

namespace TryVox.Client.Tests;

/// <summary>What users install: the packed TryVox.Client.</summary>
public sealed class PackageTests
{
    [Fact]
    public async Task The_package_depends_on_exactly_the_three_kiota_libraries()
    {
        var output = Directory.CreateTempSubdirectory("tryvox-pack-");
        try
        {
            var run = await Repository.RunAsync("dotnet", "pack", "src/TryVox.Client/TryVox.Client.csproj", "-c", "Release", "--no-restore", "-nologo", "-o", output.FullName);
            Assert.True(run.ExitCode == 0, "dotnet pack failed:\n" + run.Output);

            using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output.FullName, "TryVox.Client.*.nupkg")));
            using var nuspec = package.GetEntry("TryVox.Client.nuspec")!.Open();
            var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value}").Order(StringComparer.Ordinal);

            Assert.Equal(
                ["Microsoft.Kiota.Abstractions 2.1.6", "Microsoft.Kiota.Http.HttpClientLibrary 2.1.6", "Microsoft.Kiota.Serialization.Json 2.1.6"],
                dependencies);
            Assert.NotNull(package.GetEntry("README.md"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
