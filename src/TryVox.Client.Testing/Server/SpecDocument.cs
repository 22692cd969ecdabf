using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TryVox.Client.Testing.Server;

/// <summary>An operation of the spec: its <c>operationId</c>, method, path and definition.</summary>
internal sealed record SpecOperation(string Id, string Method, string Path, JsonObject Definition);

/// <summary>
/// The spec the server was generated from (the csproj embeds the same file NSwag reads), as JSON: its
/// operations by <c>operationId</c> and its local <c>$ref</c>s. It is what an operation without hand-written
/// behaviour answers from (<see cref="SpecAnswers"/>), and what <see cref="TryVoxOperation"/> lists.
/// </summary>
internal sealed partial class SpecDocument
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly JsonObject _root;

    private SpecDocument(JsonObject root)
    {
        _root = root;
        Operations = (root["paths"] as JsonObject ?? [])
            .SelectMany(path => (path.Value as JsonObject ?? [])
                .Where(entry => Methods.Contains(entry.Key) && entry.Value?["operationId"] is JsonValue)
                .Select(entry => new SpecOperation((string)entry.Value!["operationId"]!, entry.Key.ToUpperInvariant(), path.Key, entry.Value!.AsObject())))
            .ToDictionary(operation => operation.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded spec, read once.</summary>
    public static SpecDocument Embedded { get; } = Load();

    /// <summary>Every operation that has an <c>operationId</c>, by it.</summary>
    public IReadOnlyDictionary<string, SpecOperation> Operations { get; }

    /// <summary>The error code of the example of the operation's response for exactly this status, if the spec gives one.</summary>
    public string? ErrorCode(string operationId, int status) =>
        Resolve(Operations[operationId].Definition["responses"]?[status.ToString(CultureInfo.InvariantCulture)]) is JsonObject response
        && Example(response["content"]?["application/json"] as JsonObject)?["error"]?["code"] is JsonValue code && code.TryGetValue(out string? text)
            ? text
            : null;

    /// <summary>A media type's example: its <c>example</c>, else its first <c>examples</c> entry's value; null when it has neither.</summary>
    public JsonNode? Example(JsonObject? media) =>
        media is null ? null
        : media.ContainsKey("example") ? media["example"]
        : media["examples"] is JsonObject { Count: > 0 } examples && Resolve(examples.First().Value) is JsonObject example ? example["value"]
        : null;

    /// <summary>
    /// The node itself, or the node a local <c>$ref</c> (<c>#/components/…</c>) points to, followed to the end;
    /// null for a reference that leads nowhere (or in a circle).
    /// </summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        for (var hops = 0; node is JsonObject { } reference && reference["$ref"] is JsonValue target; hops++)
        {
            if (hops == 32 || !((string)target!).StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            node = ((string)target!)[2..].Split('/').Aggregate<string, JsonNode?>(_root,
                (parent, segment) => parent is JsonObject o ? o[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null);
        }

        return node;
    }

    private static SpecDocument Load()
    {
        using var stream = typeof(SpecDocument).Assembly.GetManifestResourceStream("tryvox.yaml")
            ?? throw new InvalidOperationException("The embedded spec (tryvox.yaml) is missing from TryVox.Client.Testing.");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return new SpecDocument(ToJson(yaml.Documents[0].RootNode)!.AsObject());
    }

    /// <summary>YAML to JSON: a plain scalar is null, a boolean or a number when YAML 1.2's core schema reads it so; a quoted one is a string.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(child =>
            KeyValuePair.Create(((YamlScalarNode)child.Key).Value ?? "", ToJson(child.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: var text } => Plain(text ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static JsonValue? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when Number().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();
}
