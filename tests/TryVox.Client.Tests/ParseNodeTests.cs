using System.Runtime.Serialization;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Serialization;

namespace TryVox.Client.Tests;

/// <summary>
/// The client's parse node reads every value exactly as Kiota's <see cref="JsonParseNode"/> does, including the
/// getters no operation of today's spec calls (a spec that gains a number, a date or an enum calls them), and a
/// single-value answer reads as Kiota's adapter reads it.
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
        using var document = JsonDocument.Parse(json);
        var fast = new FastJsonParseNode(document.RootElement);
        var kiota = new JsonParseNode(document.RootElement.Clone());

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
            () => Same(() => Text(fast.GetCollectionOfEnumValues<Shade>()), () => Text(kiota.GetCollectionOfEnumValues<Shade>())),
            () => Same(() => fast.GetChildNode("a")?.GetStringValue() ?? "(no child)", () => kiota.GetChildNode("a")?.GetStringValue() ?? "(no child)"));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void A_single_value_answer_reads_as_Kiotas_node_reads_it(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = new FastJsonParseNode(document.RootElement);
        var kiota = new JsonParseNode(document.RootElement.Clone());

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
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, PrimitiveValue.Read<Shade?>(new FastJsonParseNode(document.RootElement)));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_single_answer_that_is_not_a_value_of_its_type_says_so(string json)
    {
        using var document = JsonDocument.Parse(json);

        var refused = Assert.Throws<InvalidOperationException>(() => PrimitiveValue.Read<Shade?>(new FastJsonParseNode(document.RootElement)));

        Assert.Equal("The answer is not a Nullable`1 value.", refused.Message);
    }

    [Fact]
    public void A_child_node_is_looked_up_by_its_exact_name_and_a_null_name_is_refused()
    {
        using var document = JsonDocument.Parse("""{"answer_url":"https://your-app.com/answer","n":1}""");
        var node = new FastJsonParseNode(document.RootElement);

        Assert.Equal("https://your-app.com/answer", node.GetChildNode("answer_url")!.GetStringValue());
        Assert.Equal(1, node.GetChildNode("n")!.GetIntValue());
        Assert.Null(node.GetChildNode("Answer_Url"));
        Assert.Null(new FastJsonParseNode(document.RootElement.GetProperty("n")).GetChildNode("n"));
        Assert.Throws<ArgumentNullException>(() => node.GetChildNode(null!));
    }

    [Fact]
    public void The_backing_store_hooks_are_empty_and_cannot_be_set()
    {
        using var document = JsonDocument.Parse("{}");
        var node = new FastJsonParseNode(document.RootElement);

        Assert.Null(node.OnBeforeAssignFieldValues);
        Assert.Null(node.OnAfterAssignFieldValues);
        Assert.Equal("The TryVox client's JSON reader has no field-assignment hooks.",
            Assert.Throws<NotSupportedException>(() => node.OnBeforeAssignFieldValues = _ => { }).Message);
        Assert.Equal("The TryVox client's JSON reader has no field-assignment hooks.",
            Assert.Throws<NotSupportedException>(() => node.OnAfterAssignFieldValues = _ => { }).Message);
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

    private static string? Text<T>(IEnumerable<T>? values) => values is null ? null : "[" + string.Join(",", values.Select(v => v?.ToString() ?? "null")) + "]";

    private static string? Text(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);
}
