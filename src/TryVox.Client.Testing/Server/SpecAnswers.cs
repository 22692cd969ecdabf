using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// What an operation without hand-written behaviour answers, once its request passed every check: its success
/// response (the lowest 2xx) with the spec's example (the media type's <c>example</c>, else its first
/// <c>examples</c> entry), else a body made from the response's schema (each value's own <c>example</c>, else
/// its first <c>enum</c> value, else a value of its type and format). A success without content is answered
/// bodiless. An operation whose success is not JSON, or that has none, is a <c>501 NOT_IMPLEMENTED</c> that
/// says how to give it behaviour.
/// </summary>
internal static class SpecAnswers
{
    /// <summary>Deep enough for any real model; a schema that contains itself stops here.</summary>
    private const int MaxDepth = 16;

    public static ActionResult For(ControllerActionDescriptor action)
    {
        var spec = SpecDocument.Embedded;
        var operation = spec.Operations[action.AttributeRouteInfo!.Name!];
        var success = (operation.Definition["responses"] as JsonObject ?? [])
            .Select(response => (Status: SuccessStatus(response.Key), Response: spec.Resolve(response.Value) as JsonObject))
            .Where(response => response.Status is not null && response.Response is not null)
            .OrderBy(response => response.Status)
            .FirstOrDefault();
        if (success.Status is not { } status)
        {
            return NotImplemented(action, operation, "it declares no success (2xx) response");
        }

        var content = success.Response!["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            return new StatusCodeResult(status);
        }

        var json = content.FirstOrDefault(media => media.Key.Split(';')[0].Trim() is "application/json" || media.Key.EndsWith("+json", StringComparison.Ordinal));
        if (json.Value is not JsonObject media)
        {
            return NotImplemented(action, operation, $"its success response is {string.Join(", ", content.Select(c => c.Key))}, not JSON");
        }

        var body = spec.Example(media)?.DeepClone() ?? (media["schema"] is { } schema ? FromSchema(spec, schema, 0) : null);
        return body is null
            ? NotImplemented(action, operation, "its JSON success response has no example and no schema")
            : new ObjectResult(body) { StatusCode = status, ContentTypes = { "application/json" } };
    }

    private static int? SuccessStatus(string key) =>
        key is "2XX" or "2xx" ? StatusCodes.Status200OK
        : int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and < 300 ? status
        : null;

    /// <summary>A value the schema accepts; null for a schema that gives nothing to go on (or recurses too deep).</summary>
    private static JsonNode? FromSchema(SpecDocument spec, JsonNode node, int depth)
    {
        if (depth > MaxDepth || spec.Resolve(node) is not JsonObject schema)
        {
            return null;
        }

        if (schema.ContainsKey("example"))
        {
            return schema["example"]?.DeepClone();
        }

        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        if (schema["allOf"] is JsonArray parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts.Select(part => part is null ? null : FromSchema(spec, part, depth + 1)).OfType<JsonObject>())
            {
                foreach (var (name, value) in part.ToList())
                {
                    part.Remove(name);
                    merged[name] = value;
                }
            }

            return merged;
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray { Count: > 0 } choices)
        {
            return choices[0] is { } first ? FromSchema(spec, first, depth + 1) : null;
        }

        return (schema["type"] as JsonValue)?.ToString() switch
        {
            "object" or null when schema["properties"] is JsonObject properties => new JsonObject(properties
                .Select(property => KeyValuePair.Create(property.Key, property.Value is null ? null : FromSchema(spec, property.Value, depth + 1)))
                .Where(property => property.Value is not null)),
            "object" => new JsonObject(),
            "array" => new JsonArray([.. new[] { schema["items"] is { } items ? FromSchema(spec, items, depth + 1) : null }.OfType<JsonNode>()]),
            "string" => JsonValue.Create(Text((schema["format"] as JsonValue)?.ToString())),
            "integer" or "number" => schema["minimum"]?.DeepClone() ?? JsonValue.Create(0),
            "boolean" => JsonValue.Create(false),
            _ => null,
        };
    }

    private static string Text(string? format) => format switch
    {
        "date-time" => "2026-01-01T12:00:00Z",
        "date" => "2026-01-01",
        "time" => "12:00:00",
        "uri" or "url" => "https://example.com/",
        "email" => "user@example.com",
        "uuid" => "00000000-0000-0000-0000-000000000000",
        _ => "string",
    };

    private static ObjectResult NotImplemented(ControllerActionDescriptor action, SpecOperation operation, string reason) =>
        ServerErrors.Result(StatusCodes.Status501NotImplemented, "NOT_IMPLEMENTED",
            $"{operation.Id} ({operation.Method} {operation.Path}) has no behaviour in TryVoxTestServer, and the spec gives it no answer to make: " +
            $"{reason}. Give it behaviour by overriding {action.MethodInfo.DeclaringType!.Name}.{action.ActionName[..^"Action".Length]} in a " +
            "hand-written controller (src/TryVox.Client.Testing/Server/, as CallsController does), or give it a JSON success response in spec/tryvox.yaml.");
}
