using System.Reflection;
using System.Runtime.Loader;
using YamlDotNet.RepresentationModel;

namespace TryVox.Client.Testing.Tests.Growth;

/// <summary>
/// The test kit built against a grown spec: <c>src/</c> and the build files are copied to a temporary folder,
/// <c>spec-growth.yaml</c> is merged into the copy of <c>spec/tryvox.yaml</c> (mappings merged key by key, lists
/// appended), and <c>src/TryVox.Client.Testing</c> is built there exactly as the repository builds it (analyzers,
/// public-API check and warnings as errors included). The built assembly is loaded beside this one, in a context
/// of its own, so its server can be started in this process.
/// </summary>
public sealed class GrownTestKit : IDisposable
{
    private static readonly string[] BuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".editorconfig"];

    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("tryvox-growth-");

    public GrownTestKit()
    {
        foreach (var file in BuildFiles)
        {
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(_copy.FullName, file));
        }

        CopySources(Path.Combine(Repository.Root, "src"), Path.Combine(_copy.FullName, "src"));
        Directory.CreateDirectory(Path.Combine(_copy.FullName, "spec"));
        Spec = Grow(Repository.SpecPath, Path.Combine(Repository.Root, "tests", "TryVox.Client.Testing.Tests", "Growth", "spec-growth.yaml"));
        File.WriteAllText(Path.Combine(_copy.FullName, "spec", "tryvox.yaml"), Spec);

        var project = Path.Combine(_copy.FullName, "src", "TryVox.Client.Testing", "TryVox.Client.Testing.csproj");
        Build = Repository.RunAsync(TimeSpan.FromMinutes(10), "dotnet", "build", project, "-nologo", "-nodeReuse:false").GetAwaiter().GetResult();
        if (Build.ExitCode == 0)
        {
            Assembly = new GrownContext(Path.Combine(_copy.FullName, "src", "TryVox.Client.Testing", "bin", "Debug", "net10.0", "TryVox.Client.Testing.dll")).Kit;
        }
    }

    /// <summary>The grown spec, as the copy's build read it.</summary>
    public string Spec { get; }

    /// <summary>What <c>dotnet build</c> of the grown test kit printed.</summary>
    internal ToolRun Build { get; }

    /// <summary>The grown TryVox.Client.Testing; null when it did not build.</summary>
    public Assembly? Assembly { get; }

    public void Dispose() => _copy.Delete(recursive: true);

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string Grow(string specPath, string growthPath)
    {
        var spec = Load(specPath);
        Merge((YamlMappingNode)spec.Documents[0].RootNode, (YamlMappingNode)Load(growthPath).Documents[0].RootNode);
        using var text = new StringWriter();
        spec.Save(text, assignAnchors: false);
        return text.ToString();
    }

    private static YamlStream Load(string path)
    {
        using var reader = File.OpenText(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return yaml;
    }

    private static void Merge(YamlMappingNode into, YamlMappingNode from)
    {
        foreach (var (key, value) in from.Children)
        {
            if (!into.Children.TryGetValue(key, out var existing))
            {
                into.Add(key, value);
            }
            else if (existing is YamlMappingNode mapping && value is YamlMappingNode more)
            {
                Merge(mapping, more);
            }
            else if (existing is YamlSequenceNode sequence && value is YamlSequenceNode items)
            {
                foreach (var item in items)
                {
                    sequence.Add(item);
                }
            }
            else
            {
                into.Children[key] = value;
            }
        }
    }

    /// <summary>Loads the grown test kit only; everything it depends on (the client, ASP.NET Core, YamlDotNet) is this process's own.</summary>
    private sealed class GrownContext(string path) : AssemblyLoadContext("grown test kit")
    {
        public Assembly Kit => LoadFromAssemblyPath(path);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == Path.GetFileNameWithoutExtension(path) ? LoadFromAssemblyPath(path) : null;
    }
}
