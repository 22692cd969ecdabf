using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Models;
using TryVox.Client.Serialization;

namespace TryVox.Client.Tests;

/// <summary>
/// The client's parse node reads every value exactly as Kiota's <see cref="JsonParseNode"/> does, including the
/// getters no operation of today's spec calls (a spec that gains a number, a date or an enum calls them); a
/// single-value answer reads as Kiota's adapter reads it; and a property the spec does not know is kept in
/// <c>AdditionalData</c> as Kiota keeps it, whatever its JSON kind.
/// </summary>
public sealed class ParseNodeTests
{
    public enum Shade
    {
        Red,
        [EnumMember(Value = "dark_blue")]
        DarkBlue,
    }

    public static TheoryData<string> Values => new()
    {
        "true", "false", "null", "0", "42", "-7", "255", "256", "-128", "-129", "2147483647", "2147483648",
        "9223372036854775808", "3.5", "-0.25", "1e39", "1e400", "\"text\"", "\"\"", "\"2026-01-01T12:00:00Z\"",
        "\"2026-01-01T12:00:00.1234567+05:30\"", "\"2026-01-01\"", "\"12:30:00\"", "\"PT1H30M\"", "\"P1D\"",
        "\"7f3c2a00-0000-4000-8000-000000000001\"", "\"{7f3c2a00-0000-4000-8000-000000000001}\"", "\"not-a-guid\"",
        "\"aGVsbG8=\"", "\"red\"", "\"dark_blue\"", "\"DarkBlue\"", "\"green\"", "\"42\"", "[1,2]", "[\"a\",null,\"b\"]",
        "[\"red\",\"dark_blue\",\"green\"]", "[]", "{\"a\":\"child\"}", "{}",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_getter_reads_what_Kiotas_node_reads(string json)
    {
        var fast = Node(json);
        var kiota = Kiota(json);

        Assert.Multiple(
            () => Same(() => fast.GetStringValue(), () => kiota.GetStringValue()),
            () => Same(() => fast.GetBoolValue(), () => kiota.GetBoolValue()),
            () => Same(() => fast.GetByteValue(), () => kiota.GetByteValue()),
            () => Same(() => fast.GetSbyteValue(), () => kiota.GetSbyteValue()),
            () => Same(() => fast.GetIntValue(), () => kiota.GetIntValue()),
            () => Same(() => fast.GetLongValue(), () => kiota.GetLongValue()),
            () => Same(() => fast.GetFloatValue(), () => kiota.GetFloatValue()),
            () => Same(() => fast.GetDoubleValue(), () => kiota.GetDoubleValue()),
            () => Same(() => fast.GetDecimalValue(), () => kiota.GetDecimalValue()),
            () => Same(() => fast.GetGuidValue(), () => kiota.GetGuidValue()),
            () => Same(() => fast.GetDateTimeOffsetValue(), () => kiota.GetDateTimeOffsetValue()),
            () => Same(() => fast.GetTimeSpanValue(), () => kiota.GetTimeSpanValue()),
            () => Same(() => fast.GetDateValue(), () => kiota.GetDateValue()),
            () => Same(() => fast.GetTimeValue(), () => kiota.GetTimeValue()),
            () => Same(() => Text(fast.GetByteArrayValue()), () => Text(kiota.GetByteArrayValue())),
            () => Same(() => fast.GetEnumValue<Shade>(), () => kiota.GetEnumValue<Shade>()),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<string>()), () => Text(kiota.GetCollectionOfPrimitiveValues<string>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<int?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<int?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<long?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<long?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<bool?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<bool?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<double?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<double?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<Guid?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<Guid?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<DateTimeOffset?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<DateTimeOffset?>())),
            () => Same(() => Text(fast.GetCollectionOfPrimitiveValues<decimal?>()), () => Text(kiota.GetCollectionOfPrimitiveValues<decimal?>())),
            () => Same(() => Shown(fast.GetObjectValue(UntypedNode.CreateFromDiscriminatorValue)), () => Shown(kiota.GetObjectValue(UntypedNode.CreateFromDiscriminatorValue))),
            () => Same(() => Shown(fast.GetObjectValue(Call.CreateFromDiscriminatorValue)), () => Shown(kiota.GetObjectValue(Call.CreateFromDiscriminatorValue))),
            () => Same(() => Shown(fast.GetCollectionOfObjectValues(Call.CreateFromDiscriminatorValue)), () => Shown(kiota.GetCollectionOfObjectValues(Call.CreateFromDiscriminatorValue))),
            () => Same(() => Text(fast.GetCollectionOfEnumValues<Shade>()), () => Text(kiota.GetCollectionOfEnumValues<Shade>())),
            () => Same(() => fast.GetChildNode("a")?.GetStringValue() ?? "(no child)", () => kiota.GetChildNode("a")?.GetStringValue() ?? "(no child)"));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void A_single_value_answer_reads_as_Kiotas_node_reads_it(string json)
    {
        var root = Node(json);
        var kiota = Kiota(json);

        Assert.Multiple(
            () => Same(() => PrimitiveValue.Read<bool?>(root), () => kiota.GetBoolValue()),
            () => Same(() => PrimitiveValue.Read<byte?>(root), () => kiota.GetByteValue()),
            () => Same(() => PrimitiveValue.Read<sbyte?>(root), () => kiota.GetSbyteValue()),
            () => Same(() => PrimitiveValue.Read<string>(root), () => kiota.GetStringValue()),
            () => Same(() => PrimitiveValue.Read<int?>(root), () => kiota.GetIntValue()),
            () => Same(() => PrimitiveValue.Read<float?>(root), () => kiota.GetFloatValue()),
            () => Same(() => PrimitiveValue.Read<long?>(root), () => kiota.GetLongValue()),
            () => Same(() => PrimitiveValue.Read<double?>(root), () => kiota.GetDoubleValue()),
            () => Same(() => PrimitiveValue.Read<decimal?>(root), () => kiota.GetDecimalValue()),
            () => Same(() => PrimitiveValue.Read<Guid?>(root), () => kiota.GetGuidValue()),
            () => Same(() => PrimitiveValue.Read<DateTimeOffset?>(root), () => kiota.GetDateTimeOffsetValue()),
            () => Same(() => PrimitiveValue.Read<TimeSpan?>(root), () => kiota.GetTimeSpanValue()),
            () => Same(() => PrimitiveValue.Read<Date?>(root), () => kiota.GetDateValue()));
    }

    [Theory]
    [InlineData("\"dark_blue\"", Shade.DarkBlue)]
    [InlineData("\"red\"", Shade.Red)]
    [InlineData("\"green\"", null)]
    public void A_single_enum_answer_reads_its_wire_name(string json, Shade? expected)
    {
        Assert.Equal(expected, PrimitiveValue.Read<Shade?>(Node(json)));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_single_answer_that_is_not_a_value_of_its_type_says_so(string json)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => PrimitiveValue.Read<Shade?>(Node(json)));

        Assert.Equal("The answer is not a Nullable`1 value.", refused.Message);
    }

    [Fact]
    public void A_child_node_is_looked_up_by_its_exact_name_and_a_null_name_is_refused()
    {
        const string Json = """{"answer_url":"https://your-app.com/answer","n":1,"o":{"n":[2]},"n":3}""";
        var node = Node(Json);

        Assert.Equal("https://your-app.com/answer", node.GetChildNode("answer_url")!.GetStringValue());
        // The last of two equal names, as Kiota's node over a JsonElement finds it.
        Assert.Equal((3, 3), (node.GetChildNode("n")!.GetIntValue(), Kiota(Json).GetChildNode("n")!.GetIntValue()));
        Assert.Equal([2], node.GetChildNode("o")!.GetChildNode("n")!.GetCollectionOfPrimitiveValues<int?>());
        Assert.Null(node.GetChildNode("Answer_Url"));
        Assert.Null(Node("1").GetChildNode("n"));
        Assert.Throws<ArgumentNullException>(() => node.GetChildNode(null!));
    }

    [Fact]
    public void The_backing_store_hooks_are_empty_and_cannot_be_set()
    {
        var node = Node("{}");

        Assert.Null(node.OnBeforeAssignFieldValues);
        Assert.Null(node.OnAfterAssignFieldValues);
        Assert.Equal("The TryVox client's JSON reader has no field-assignment hooks.",
            Assert.Throws<NotSupportedException>(() => node.OnBeforeAssignFieldValues = _ => { }).Message);
        Assert.Equal("The TryVox client's JSON reader has no field-assignment hooks.",
            Assert.Throws<NotSupportedException>(() => node.OnAfterAssignFieldValues = _ => { }).Message);
    }

    /// <summary>A value of every JSON kind, nested ones included, as the value of a property the spec does not know.</summary>
    public static TheoryData<string> UnknownValues
    {
        get
        {
            var values = new TheoryData<string>();
            foreach (var value in ((IEnumerable<object[]>)Values).Select(row => (string)row[0]).Concat(MoreValues))
            {
                values.Add(value);
            }

            return values;
        }
    }

    /// <summary>Beyond <see cref="Values"/>: numbers at each of Kiota's boundaries, strings that read as dates or not, nesting, and text Kiota cannot read.</summary>
    private static readonly string[] MoreValues =
    [
        "1e28", "1e29", "1E2", "-0", "0.1", "1e-400", "123456789012345678901234567890", "-9223372036854775809", "\"2026-01-01T12:00:00+05:30\"",
        "\"2026-13-45T99:99:99Z\"", "\"\\u0032026-01-01\"", "\"caf\\u00e9\"", "\"\\uD83D\\uDE00\"",
        """[1,"a",null,true,false,1.5,2147483648,9223372036854775808,1e39,1e400,"2026-01-01T12:00:00Z",[],{}]""",
        """{"a":{"b":[{"c":null}]},"a":2,"":"empty","\u00e9":"escaped"}""", """[[["deep"]]]""",
        // Text that is not valid UTF-16 fails where Kiota reads it: at once in an object, when enumerated in an array.
        "\"\\uD800\"", """["ok","\uD800","after"]""", """[["\uD800"]]""", """[{"k":"\uD800"}]""", """{"k":"\uD800"}""", """{"\uD800":1}""", """[{"\uD800":1}]""",
    ];

    [Theory]
    [MemberData(nameof(UnknownValues))]
    public void A_property_the_spec_does_not_know_is_kept_as_Kiota_keeps_it(string value)
    {
        // Twice under the same name (the first is kept), after a known property and among others, in a list's item and in the list.
        var json = $$"""{"data":[{"id":"call_1","extra":{{value}},"status":"queued","extra":0,"more":{{value}}}],"extra":{{value}}}""";

        Same(() => Shown(Read(json)), () => Shown(Kiota(json).GetObjectValue(CallList.CreateFromDiscriminatorValue)));
    }

    [Fact]
    public void A_property_the_spec_does_not_know_reuses_the_name_it_had_in_an_earlier_object()
    {
        var list = Read("""{"data":[{"id":"call_1","region":"x"},{"id":"call_2","region":"y"}]}""")!;

        Assert.Same(list.Data![0].AdditionalData.Keys.Single(), list.Data[1].AdditionalData.Keys.Single());
        Assert.Equal("y", list.Data[1].AdditionalData["region"]);
    }

    [Fact]
    public async Task An_answer_that_starts_with_a_byte_order_mark_reads_as_Kiotas_parse_node_reads_it()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Fixtures.CallJson)];
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(body);
        });
        using var stream = new MemoryStream(body);
        var kiota = (await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream)).GetObjectValue(Call.CreateFromDiscriminatorValue);

        var call = (await TestKeys.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()))!;

        Assert.Equal(Shown(kiota), Shown(call));
        Assert.Equal(("call_7f3c2a", "queued"), (call.Id, call.Status));
        // One mark is skipped, as a stream reader skips it; a second is not JSON.
        Assert.ThrowsAny<JsonException>(() => JsonBody.Read((byte[])[0xEF, 0xBB, 0xBF, .. body], static (root, _) => root.GetStringValue(), null));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("{\"id\":\"call_1\"} x")]
    [InlineData("{\"id\":\"call_1\",}")]
    [InlineData("{\"data\":[{\"id\":\"call_1\"}]")]
    [InlineData("{\"data\":[{\"id\":\"call_1\",\"extra\":[1,}]}")]
    [InlineData("[1] [2]")]
    public void A_body_that_is_not_one_JSON_value_throws_a_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
        Assert.ThrowsAny<JsonException>(() => Node(json).GetCollectionOfPrimitiveValues<int?>());
        Assert.ThrowsAny<JsonException>(() => Node(json).GetStringValue());
    }

    /// <summary>Both give the same value, or both throw the same type of exception.</summary>
    private static void Same<T>(Func<T> client, Func<T> kiota) => Assert.Equal(Outcome(kiota), Outcome(client));

    private static string Outcome<T>(Func<T> read)
    {
        try
        {
            return read() is { } value ? $"{value.GetType().Name}: {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}" : "null";
        }
        catch (Exception e)
        {
            return "throws " + e.GetType().Name;
        }
    }

    /// <summary>The client's node over a whole body, as <see cref="JsonBody.Read"/> gives it.</summary>
    private static FastJsonParseNode Node(string json) => JsonBody.Read(Encoding.UTF8.GetBytes(json), static (root, _) => root, null);

    /// <summary>Kiota's node over the same body, as Kiota's parse-node factory gives it.</summary>
    private static JsonParseNode Kiota(string json) => new(JsonElement.Parse(json));

    /// <summary>A list of calls read by the client from a whole body.</summary>
    private static CallList? Read(string json) => JsonBody.Read(Encoding.UTF8.GetBytes(json), static (root, _) => root.GetObjectValue(CallList.CreateFromDiscriminatorValue), null);

    /// <summary>
    /// A model, dictionary or value, with every type and value inside it: a model's properties and additional data,
    /// Kiota's untyped nodes, and how enumerating an untyped array ends (Kiota's are lazy).
    /// </summary>
    internal static string Shown(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        UntypedArray array => "UntypedArray[" + Enumerated(array.GetValue()) + "]",
        UntypedObject untyped => "UntypedObject{" + string.Join(",", untyped.GetValue().Select(p => $"{p.Key}:{Shown(p.Value)}")) + "}",
        UntypedNode node => $"{node.GetType().Name}({Shown(node.GetType().GetMethod(nameof(UntypedString.GetValue))!.Invoke(node, null))})",
        IDictionary<string, object> map => "{" + string.Join(",", map.Select(p => $"{p.Key}:{Shown(p.Value)}")) + "}",
        IParsable model => model.GetType().Name + "{" + string.Join(",", model.GetType().GetProperties().Select(p => $"{p.Name}:{Shown(p.GetValue(model))}")) + "}",
        System.Collections.IEnumerable items => "[" + Enumerated(items.Cast<object?>()) + "]",
        DateTime time => $"DateTime({time:O} {time.Kind})",
        DateTimeOffset time => $"DateTimeOffset({time:O})",
        double number => $"Double({number:R})",
        float number => $"Single({number:R})",
        _ => $"{value.GetType().Name}({Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)})",
    };

    private static string Enumerated<T>(IEnumerable<T> items)
    {
        var shown = new List<string>();
        try
        {
            foreach (var item in items)
            {
                shown.Add(Shown(item));
            }
        }
        catch (Exception e)
        {
            shown.Add("then throws " + e.GetType().Name);
        }

        return string.Join(",", shown);
    }

    private static string? Text<T>(IEnumerable<T>? values) => values is null ? null : "[" + string.Join(",", values.Select(v => v?.ToString() ?? "null")) + "]";

    private static string? Text(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);
}
