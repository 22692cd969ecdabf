using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Models;
using TryVox.Client.Serialization;

namespace TryVox.Client.Tests;

/// <summary>The client's body writer writes, byte for byte, what Kiota's own JSON writer writes with JSON-only escaping.</summary>
public sealed class JsonBodyWriterTests
{
    public enum Colour
    {
        [EnumMember(Value = "dark-red")]
        DarkRed,
        Blue,
    }

    [Fact]
    public void The_reference_call_goes_out_exactly_as_the_reference_shows_it()
    {
        var body = Both(w => w.WriteObjectValue(null, new CreateCallRequest
        {
            From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
        }));

        Assert.Equal("""{"answer_url":"https://your-app.com/answer","from":"+919876543210","to":"+14155551234"}""", body);
    }

    [Fact]
    public void A_model_with_every_kind_of_additional_data_matches_Kiotas_writer()
    {
        var call = new Call
        {
            Id = "call_1", From = "+1 \"quoted\" \\ back", To = "tab\there\u0001", AnswerUrl = "https://x.test/a?b=<c>&d='e'", Status = "ringing é 😀",
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(5.5)),
            AdditionalData = new Dictionary<string, object>
            {
                ["text"] = "x", ["int"] = 42, ["long"] = 1L << 40, ["double"] = 1.5, ["decimal"] = 2.25m, ["float"] = 0.5f, ["byte"] = (byte)7,
                ["bool"] = true, ["guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), ["moment"] = DateTimeOffset.UnixEpoch,
                ["dateTime"] = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), ["date"] = new Date(2026, 1, 2), ["time"] = new Time(3, 4, 5),
                ["span"] = TimeSpan.FromMinutes(90), ["null"] = null!, ["list"] = new List<object> { 1, "two", 3.0 },
                ["map"] = new Dictionary<string, object> { ["a"] = 1, ["b"] = "c" },
                ["untyped"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["k"] = new UntypedArray([new UntypedString("v"), new UntypedInteger(1)]) }),
                ["element"] = JsonDocument.Parse("""{"x":[1,2]}""").RootElement,
                ["model"] = new PhoneNumber { E164 = "+919876543210", Country = "IN", Status = "active" },
            },
        };

        Both(w => w.WriteObjectValue(null, call));
    }

    [Fact]
    public void Lists_collections_enums_bytes_and_nulls_match_Kiotas_writer()
    {
        Both(w => w.WriteObjectValue(null, new CallList { Data = [new Call { Id = "a" }, new Call { Id = "b", Status = "queued" }] }));
        Both(w => w.WriteCollectionOfPrimitiveValues(null, new object?[] { 1, null, "s", true, 2.5m }));
        Both(w => w.WriteEnumValue<Colour>(null, Colour.DarkRed));
        Both(w => w.WriteCollectionOfEnumValues<Colour>(null, [Colour.Blue, null, Colour.DarkRed]));
        Both(w => w.WriteByteArrayValue(null, [0, 1, 2, 250]));
        Both(w => w.WriteNullValue(null));
        Both(w => w.WriteObjectValue<Call>(null, null));
    }

    [Fact]
    public void Every_kind_of_value_under_a_key_and_every_hook_match_Kiotas_writer()
    {
        var (ours, kiotas) = (new List<string>(), new List<string>());

        var body = Both(w => w.WriteObjectValue(null, new Everything(), new PhoneNumber { E164 = "+1" }, null, new PhoneNumber { Country = "IN" }), ours, kiotas);

        Assert.Equal(kiotas, ours);
        // Kiota's writer calls "after" twice for an untyped node; the client's writer does as Kiota's does.
        Assert.Equal(
            "before Everything, start Everything, before PhoneNumber, start PhoneNumber, after PhoneNumber, before UntypedObject, start UntypedObject, " +
            "after UntypedObject, after UntypedObject, before Call, start Call, after Call, before PhoneNumber, start PhoneNumber, after PhoneNumber, " +
            "before PhoneNumber, start PhoneNumber, after PhoneNumber, after Everything",
            string.Join(", ", ours));
        Assert.StartsWith("""{"s":"text","b":true,"by":7,"sb":-7,"i":-42,"l":1099511627776,"f":0.5,"d":1.25,"m":2.5,"g":"0f8fad5b-d9cb-469f-a165-70867728950e",""", body, StringComparison.Ordinal);
        Assert.EndsWith(""","e164":"+1","country":"IN"}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_larger_than_the_first_buffer_is_written_whole_into_a_read_only_stream_that_releases_it()
    {
        var call = new CreateCallRequest { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer?" + new string('q', 20_000) };

        Both(w => w.WriteObjectValue(null, call));
        using var writer = new JsonBodyWriter();
        writer.WriteObjectValue(null, call);
        var content = writer.GetSerializedContent();

        Assert.Equal((false, true, true), (content.CanWrite, content.CanSeek, ((MemoryStream)content).TryGetBuffer(out var buffer)));
        Assert.Equal(20_088, buffer.Count);
        content.Dispose();
        Assert.False(content.CanRead);
    }

    [Fact]
    public void Only_a_JSON_writer_is_made()
    {
        var factory = new JsonBodyWriterFactory();

        Assert.IsType<JsonBodyWriter>(factory.GetSerializationWriter("Application/JSON"));
        Assert.Equal("expected a application/json content type (Parameter 'contentType')",
            Assert.Throws<ArgumentOutOfRangeException>(() => factory.GetSerializationWriter("text/plain")).Message);
        Assert.Throws<ArgumentException>(() => factory.GetSerializationWriter(""));
    }

    /// <summary>A model that writes every kind of value a Kiota writer takes, each under a key, and the same kinds as null.</summary>
    private sealed class Everything : IParsable
    {
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();

        public void Serialize(ISerializationWriter writer)
        {
            writer.WriteStringValue("s", "text");
            writer.WriteBoolValue("b", true);
            writer.WriteByteValue("by", 7);
            writer.WriteSbyteValue("sb", -7);
            writer.WriteIntValue("i", -42);
            writer.WriteLongValue("l", 1L << 40);
            writer.WriteFloatValue("f", 0.5f);
            writer.WriteDoubleValue("d", 1.25);
            writer.WriteDecimalValue("m", 2.5m);
            writer.WriteGuidValue("g", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
            writer.WriteDateTimeOffsetValue("at", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-3)));
            writer.WriteTimeSpanValue("span", TimeSpan.FromMinutes(90));
            writer.WriteDateValue("date", new Date(2026, 1, 2));
            writer.WriteTimeValue("time", new Time(3, 4, 5));
            writer.WriteNullValue("null");
            writer.WriteByteArrayValue("bytes", [0, 1, 250]);
            writer.WriteEnumValue<Colour>("colour", Colour.DarkRed);
            writer.WriteCollectionOfEnumValues<Colour>("colours", [Colour.Blue, Colour.DarkRed]);
            writer.WriteCollectionOfPrimitiveValues<object?>("values", [1, "two", null, 3.5]);
            writer.WriteCollectionOfObjectValues("numbers", [new PhoneNumber { E164 = "+919876543210" }]);
            writer.WriteObjectValue("untyped", new UntypedObject(new Dictionary<string, UntypedNode> { ["k"] = new UntypedArray([new UntypedString("v")]) }));
            writer.WriteObjectValue<Call>("merged", null, new Call { Id = "call_1" });
            writer.WriteAdditionalData(new Dictionary<string, object> { ["extra"] = "x", ["n"] = 1 });

            writer.WriteStringValue("no-s", null);
            writer.WriteBoolValue("no-b", null);
            writer.WriteByteValue("no-by", null);
            writer.WriteSbyteValue("no-sb", null);
            writer.WriteIntValue("no-i", null);
            writer.WriteLongValue("no-l", null);
            writer.WriteFloatValue("no-f", null);
            writer.WriteDoubleValue("no-d", null);
            writer.WriteDecimalValue("no-m", null);
            writer.WriteGuidValue("no-g", null);
            writer.WriteDateTimeOffsetValue("no-at", null);
            writer.WriteTimeSpanValue("no-span", null);
            writer.WriteDateValue("no-date", null);
            writer.WriteTimeValue("no-time", null);
            writer.WriteByteArrayValue("no-bytes", null);
            writer.WriteEnumValue<Colour>("no-colour", null);
            writer.WriteCollectionOfEnumValues<Colour>("no-colours", null);
            writer.WriteCollectionOfPrimitiveValues<int>("no-values", null);
            writer.WriteCollectionOfObjectValues<Call>("no-calls", null);
            writer.WriteObjectValue<Call>("no-call", null);
            writer.WriteObjectValue<Call>("no-merged", null, [null]);
        }
    }

    /// <summary>Writes with both writers, asserts the bytes are equal, and returns them as text.</summary>
    private static string Both(Action<ISerializationWriter> write, List<string>? ourHooks = null, List<string>? kiotasHooks = null)
    {
        var ours = Written(Hooked(new JsonBodyWriter(), ourHooks), write);
        var kiotas = Written(Hooked(new JsonSerializationWriter(JsonBodyWriter.KiotaContext), kiotasHooks), write);
        Assert.Equal(kiotas, ours);
        return ours;
    }

    /// <summary>Records each hook the writer calls, with the model it is called for.</summary>
    private static ISerializationWriter Hooked(ISerializationWriter writer, List<string>? hooks)
    {
        if (hooks is not null)
        {
            writer.OnBeforeObjectSerialization = model => hooks.Add("before " + model.GetType().Name);
            writer.OnStartObjectSerialization = (model, w) => hooks.Add((ReferenceEquals(w, writer) ? "start " : "start elsewhere ") + model.GetType().Name);
            writer.OnAfterObjectSerialization = model => hooks.Add("after " + model.GetType().Name);
        }

        return writer;
    }

    private static string Written(ISerializationWriter writer, Action<ISerializationWriter> write)
    {
        using (writer as IDisposable)
        {
            write(writer);
            using var content = writer.GetSerializedContent();
            using var reader = new StreamReader(content, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}
