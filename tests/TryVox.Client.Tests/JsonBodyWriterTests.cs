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

    /// <summary>Writes with both writers, asserts the bytes are equal, and returns them as text.</summary>
    private static string Both(Action<ISerializationWriter> write)
    {
        var ours = Written(new JsonBodyWriter(), write);
        var kiotas = Written(new JsonSerializationWriter(JsonBodyWriter.KiotaContext), write);
        Assert.Equal(kiotas, ours);
        return ours;
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

/// <summary>The fast path covers the whole spec: every generated model has a generated reader.</summary>
public sealed class ModelReaderCoverageTests
{
    [Fact]
    public void Every_model_Kiota_generated_has_a_generated_reader()
    {
        var models = typeof(TryVoxClient).Assembly.GetTypes()
            .Where(t => typeof(IParsable).IsAssignableFrom(t)
                && t.GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false) is [System.CodeDom.Compiler.GeneratedCodeAttribute { Tool: "Kiota" }])
            .Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(models, ModelReaders.Models.Select(t => t.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(7, ModelReaders.Models.Length);
    }
}
