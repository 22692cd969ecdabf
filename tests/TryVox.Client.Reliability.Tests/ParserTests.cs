using System.Collections;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// The generated model readers against hostile bodies: random byte mutations of the documented examples never
/// surface anything but the documented exceptions, and random valid-JSON mutations read exactly as Kiota's own
/// <see cref="JsonParseNode"/> reads them (the fast path changed no behaviour). In memory, thousands of cases.
/// </summary>
public sealed class ParserTests
{
    private const int Cases = 3000;

    /// <summary>The documented example bodies, as the operation that returns each.</summary>
    private static readonly (string Operation, HttpStatusCode Status, string Json)[] Examples =
    [
        ("create", HttpStatusCode.Created, Wire.CallJson),
        ("list calls", HttpStatusCode.OK, Wire.CallsJson),
        ("list numbers", HttpStatusCode.OK, Wire.NumbersJson),
    ];

    private const string ErrorJson = """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}""";

    private static readonly int[] ErrorStatuses = [400, 401, 403, 404, 429, 500, 503];

    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "null", "true", "1e999", "-", "0x1F", "\u00e9", "\uFFFF", " ", "\"created_at\":", "\"data\":", "\"error\":"];

    /// <summary>A byte-level edit: flip, insert, delete, truncate, duplicate, or insert a JSON token.</summary>
    private readonly record struct Edit(int Kind, int Position, int Length, byte Value, int Token);

    private static readonly Gen<Edit[]> Edits = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4096], Gen.Int[1, 16], Gen.Byte, Gen.Int[0, Tokens.Length - 1])
        .Select((kind, position, length, value, token) => new Edit(kind, position, length, value, token)).Array[1, 4];

    [Fact]
    public void A_mutated_success_body_surfaces_only_as_TryVoxInvalidResponseException()
    {
        Gen.Select(Gen.Int[0, Examples.Length - 1], Edits).Sample((example, edits) =>
        {
            var (operation, status, json) = Examples[example];
            var body = Apply(Encoding.UTF8.GetBytes(json), edits);

            var error = Record.ExceptionAsync(() => Send(operation, status, body)).GetAwaiter().GetResult();

            Assert.True(error is null || (error is TryVoxInvalidResponseException invalid && invalid.ResponseStatusCode == (int)status), $"{Encoding.UTF8.GetString(body)} → {error}");
        }, iter: Cases, threads: 1);
    }

    [Fact]
    public void A_mutated_error_body_surfaces_only_as_TryVoxError_of_its_status()
    {
        Gen.Select(Gen.Int[0, Examples.Length - 1], Gen.Int[0, ErrorStatuses.Length - 1], Edits).Sample((example, statusIndex, edits) =>
        {
            var status = (HttpStatusCode)ErrorStatuses[statusIndex];
            var body = Apply(Encoding.UTF8.GetBytes(ErrorJson), edits);

            var error = Record.ExceptionAsync(() => Send(Examples[example].Operation, status, body)).GetAwaiter().GetResult();

            Assert.True(error is TryVoxError, $"{Encoding.UTF8.GetString(body)} → {error}");
            var typed = (TryVoxError)error;
            Assert.Equal((int)status, typed.ResponseStatusCode);
            Assert.False(string.IsNullOrEmpty(typed.Message));
        }, iter: Cases, threads: 1);
    }

    [Fact]
    public void A_valid_JSON_mutation_reads_exactly_as_Kiotas_JsonParseNode_reads_it()
    {
        var values = Gen.Frequency(
            (3, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
            (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
            (1, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
            (4, Gen.OneOf<Func<JsonNode?>>(
                () => null, () => true, () => false, () => new JsonObject(), () => new JsonArray(), () => JsonNode.Parse("1e300"),
                () => JsonNode.Parse("9007199254740993"), () => JsonNode.Parse("-0"), () => JsonNode.Parse("0.1"), () => "2026-01-01T12:00:00Z",
                () => "2026-01-01T12:00:00+05:30", () => "2026-13-45T99:99:99Z", () => "not a date", () => "", () => "\u0000\u001f\"\\",
                () => new JsonObject { ["id"] = "call_x", ["extra"] = new JsonArray(1, "two", null) },
                // Every kind Kiota tells apart under an unknown name: its number boundaries, strings that read as a date or a GUID, nesting.
                () => "2026-01-01", () => "7f3c2a00-0000-4000-8000-000000000001", () => JsonNode.Parse("1e400"), () => JsonNode.Parse("1e29"),
                () => JsonNode.Parse("123456789012345678901234567890"), () => JsonNode.Parse("2147483648"), () => JsonNode.Parse("1.50"),
                () => JsonNode.Parse("""[1,"a",null,true,false,1.5,2147483648,9223372036854775808,1e39,1e400,"2026-01-01T12:00:00Z",[[]],{"k":[{}]}]"""),
                () => JsonNode.Parse("""{"a":{"b":[{"c":null}]},"":"empty","n":-0.0}""")).Select(make => make())));
        var names = Gen.Frequency(
            (3, Gen.OneOf("id", "from", "to", "answer_url", "status", "created_at", "data", "e164", "country", "ID", "Data", "created_At", "")),
            (1, Gen.String));
        var mutations = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1000], names, values).Array[1, 5];

        Gen.Select(Gen.Int[0, Examples.Length - 1], mutations, Gen.Bool).Sample((example, edits, escapeAll) =>
        {
            var (operation, status, json) = Examples[example];
            var root = JsonNode.Parse(json);
            foreach (var (kind, target, name, value) in edits)
            {
                root = Mutate(root, kind, target, name, value);
            }

            var body = Encoding.UTF8.GetBytes(root?.ToJsonString(new JsonSerializerOptions { Encoder = escapeAll ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null");

            using var document = JsonDocument.Parse(body);
            var kiota = Record.Exception(() => KiotaRead(operation, new JsonParseNode(document.RootElement)));
            object? expected = null;
            if (kiota is null)
            {
                expected = KiotaRead(operation, new JsonParseNode(document.RootElement));
            }

            object? actual = null;
            var client = Record.ExceptionAsync(async () => actual = await Send(operation, status, body)).GetAwaiter().GetResult();

            var shown = Encoding.UTF8.GetString(body);
            if (kiota is not null)
            {
                // Kiota cannot read it either: the client says so with its documented exception.
                Assert.True(client is TryVoxInvalidResponseException, $"{shown}: Kiota threw {kiota.GetType().Name}, the client {client?.ToString() ?? "returned a result"}");
                return;
            }

            Assert.True(client is null, $"{shown}: Kiota read it, the client threw {client}");
            AssertSame(expected, actual, shown, "$");
        }, iter: Cases, threads: 1);
    }

    private static Task<object?> Send(string operation, HttpStatusCode status, byte[] body)
    {
        var client = new InMemoryApi(_ => InMemoryApi.Bytes(status, body)).Client();
        return operation switch
        {
            "create" => Boxed(client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall())),
            "list calls" => Boxed(client.Voice.Accounts["AC123456"].Calls.GetAsync()),
            _ => Boxed(client.Account["AC123456"].Numbers.GetAsync()),
        };
    }

    private static async Task<object?> Boxed<T>(Task<T> task) => await task;

    private static object? KiotaRead(string operation, JsonParseNode node) => operation switch
    {
        "create" => node.GetObjectValue(Call.CreateFromDiscriminatorValue),
        "list calls" => node.GetObjectValue(CallList.CreateFromDiscriminatorValue),
        _ => node.GetObjectValue(PhoneNumberList.CreateFromDiscriminatorValue),
    };

    private static byte[] Apply(byte[] body, Edit[] edits)
    {
        var bytes = new List<byte>(body);
        foreach (var edit in edits)
        {
            var at = bytes.Count == 0 ? 0 : edit.Position % (bytes.Count + 1);
            var length = Math.Min(edit.Length, bytes.Count - at);
            switch (edit.Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(edit.Value | 1);
                    break;
                case 1:
                    bytes.Insert(at, edit.Value);
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[edit.Token]));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>One valid-JSON edit of the node numbered <paramref name="target"/> (depth first, the root included).</summary>
    private static JsonNode? Mutate(JsonNode? root, int kind, int target, string name, JsonNode? value)
    {
        var nodes = new List<JsonNode?>();
        Collect(root, nodes);
        var node = nodes[target % nodes.Count];
        var replacement = kind switch
        {
            0 => value,
            3 => new JsonArray(node?.DeepClone()),
            _ => node,
        };
        switch (kind)
        {
            case 1 when node?.Parent is JsonObject parent:
                parent.Remove(node.GetPropertyName());
                return root;
            case 2 when node is JsonObject target2:
                target2[name] = value?.DeepClone();
                return root;
            case 4 when node is JsonArray array && array.Count > 0:
                array.Add(array[0]?.DeepClone());
                return root;
        }

        if (replacement == node)
        {
            return root;
        }

        if (node is null || node.Parent is null)
        {
            return node == root ? replacement?.DeepClone() : root;
        }

        node.ReplaceWith(replacement?.DeepClone());
        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode?> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.Where(c => c is not null))
                {
                    Collect(child, nodes);
                }

                break;
        }
    }

    /// <summary>Field by field: the models' properties, their AdditionalData and Kiota's untyped nodes inside it.</summary>
    private static void AssertSame(object? expected, object? actual, string body, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{body}: {path} is {expected ?? "null"} in Kiota's reading, {actual ?? "null"} in the client's");
            return;
        }

        // An untyped array's items: a lazy sequence in Kiota's reading, a list in the client's; the items are compared below.
        var sameType = expected.GetType() == actual.GetType() || (expected is IEnumerable<UntypedNode> && actual is IEnumerable<UntypedNode>);
        Assert.True(sameType, $"{body}: {path} is a {expected.GetType().Name} in Kiota's reading, a {actual.GetType().Name} in the client's");
        switch (expected)
        {
            case string or ValueType:
                Assert.True(Exact(expected) == Exact(actual), $"{body}: {path} is {Exact(expected)} in Kiota's reading, {Exact(actual)} in the client's");
                break;
            case UntypedNode:
                AssertSame(Value(expected), Value(actual), body, path);
                break;
            case IDictionary<string, object> map:
                var other = (IDictionary<string, object>)actual;
                Assert.True(map.Keys.Order(StringComparer.Ordinal).SequenceEqual(other.Keys.Order(StringComparer.Ordinal)), $"{body}: {path} has keys [{string.Join(",", map.Keys)}] in Kiota's reading, [{string.Join(",", other.Keys)}] in the client's");
                foreach (var (key, value) in map)
                {
                    AssertSame(value, other[key], body, $"{path}.{key}");
                }

                break;
            case IDictionary<string, UntypedNode> untyped:
                AssertSame(untyped.ToDictionary(p => p.Key, p => (object)p.Value), ((IDictionary<string, UntypedNode>)actual).ToDictionary(p => p.Key, p => (object)p.Value), body, path);
                break;
            case IEnumerable items:
                // Kiota's untyped arrays are lazy: enumerating one can throw; the client's must throw at the same item.
                var (left, leftFailure) = Enumerate(items);
                var (right, rightFailure) = Enumerate((IEnumerable)actual);
                Assert.True(
                    leftFailure == rightFailure && left.Count == right.Count,
                    $"{body}: {path} has {left.Count} items{leftFailure} in Kiota's reading, {right.Count}{rightFailure} in the client's");
                for (var i = 0; i < left.Count; i++)
                {
                    AssertSame(left[i], right[i], body, $"{path}[{i}]");
                }

                break;
            case IParsable:
                foreach (var property in expected.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                {
                    AssertSame(property.GetValue(expected), property.GetValue(actual), body, $"{path}.{property.Name}");
                }

                break;
            default:
                Assert.Fail($"{body}: {path} is a {expected.GetType().Name}, which this comparison does not know");
                break;
        }
    }

    /// <summary>The items an enumeration yields, and the exception that ended it, if one did.</summary>
    private static (List<object?> Items, string? Failure) Enumerate(IEnumerable items)
    {
        var list = new List<object?>();
        try
        {
            foreach (var item in items)
            {
                list.Add(item);
            }

            return (list, null);
        }
        catch (Exception e)
        {
            return (list, ", then throws " + e.GetType().Name);
        }
    }

    /// <summary>A value to the last detail <c>Equals</c> leaves out: a time's kind and offset, a decimal's scale, a double's sign of zero.</summary>
    private static string Exact(object value) => value switch
    {
        DateTime time => $"{time:O} {time.Kind}",
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        double number => BitConverter.DoubleToInt64Bits(number).ToString(System.Globalization.CultureInfo.InvariantCulture),
        float number => BitConverter.SingleToInt32Bits(number).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    /// <summary>What an untyped node holds: <c>GetValue()</c> of its concrete type.</summary>
    private static object? Value(object node) => node.GetType().GetMethod(nameof(UntypedString.GetValue))!.Invoke(node, null);
}
