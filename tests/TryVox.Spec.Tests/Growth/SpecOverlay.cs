using YamlDotNet.RepresentationModel;

namespace TryVox.Spec.Tests.Growth;

/// <summary>
/// Grows an OpenAPI document by an overlay written in the document's own shape: a mapping merges into the mapping
/// at the same place key by key, a list is appended to the list there, and anything else takes the place of what
/// was there. An overlay therefore names only what it adds, and keeps applying as the document it grows changes.
/// </summary>
internal static class SpecOverlay
{
    /// <summary>Writes <paramref name="spec"/> grown by each of <paramref name="overlays"/>, in order, back to <paramref name="spec"/>.</summary>
    public static void Apply(string spec, params string[] overlays)
    {
        var document = Load(spec);
        foreach (var overlay in overlays)
        {
            Merge(document, Load(overlay), "");
        }

        using var writer = new StreamWriter(spec);
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new InvalidDataException($"{path} is not one YAML document whose root is a mapping.");
    }

    private static void Merge(YamlMappingNode target, YamlMappingNode overlay, string at)
    {
        foreach (var (key, value) in overlay.Children)
        {
            var path = $"{at}/{key}";
            if (!target.Children.TryGetValue(key, out var existing))
            {
                target.Children[key] = value;
            }
            else if (existing is YamlMappingNode mapping && value is YamlMappingNode addition)
            {
                Merge(mapping, addition, path);
            }
            else if (existing is YamlSequenceNode list && value is YamlSequenceNode items)
            {
                foreach (var item in items)
                {
                    list.Add(item);
                }
            }
            else if (existing.NodeType != value.NodeType)
            {
                throw new InvalidDataException($"The overlay's {path} is a {value.NodeType} where the spec has a {existing.NodeType}.");
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }
}
