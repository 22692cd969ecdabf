using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TryVox.Benchmarks.Transports;

/// <summary>What the clients send and the server answers: the API reference's examples, serialized once.</summary>
public static class Payloads
{
    /// <summary>The account of every request.</summary>
    public const string AccountId = "AC123456";

    /// <summary>The paths of the calls and of the numbers of <see cref="AccountId"/>.</summary>
    public const string CallsPath = "/v1/voice/accounts/" + AccountId + "/calls", NumbersPath = "/v1/account/" + AccountId + "/numbers";

    /// <summary>A made-up sandbox key; the server answers only requests that carry it.</summary>
    public const string ApiKey = "tvx_sk_test_benchmark00000000";

    /// <summary>The reference's create-call request.</summary>
    public const string From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer";

    /// <summary>The reference's number: <see cref="From"/> in this country, with this status.</summary>
    public const string Country = "IN", NumberStatus = "active";

    /// <summary>The reference's 401 error.</summary>
    public const string ErrorCode = "UNAUTHORIZED", ErrorMessage = "Invalid or missing API key";

    // Written like the API writes it: `+` unescaped, times in UTC with a `Z`.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The create-call request body every client must send.</summary>
    public static byte[] CreateCallRequest { get; } = Serialize(new { From, To, AnswerUrl });

    /// <summary>The reference's list-numbers example.</summary>
    public static byte[] NumberList { get; } = Serialize(new { Data = new[] { new { E164 = From, Country, Status = NumberStatus } } });

    /// <summary>The reference's 401 body.</summary>
    public static byte[] Unauthorized { get; } = Serialize(new { Error = new { Code = ErrorCode, Message = ErrorMessage } });

    /// <summary>The call the server places; the list's calls differ from it in id and time.</summary>
    public static CannedCall SampleCall(int index = 0) => new(
        index == 0 ? "call_7f3c2a" : string.Create(CultureInfo.InvariantCulture, $"call_{index:D6}"),
        From,
        To,
        AnswerUrl,
        "queued",
        new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(index));

    /// <summary>
    /// The two fields every call carries in the bodies with <c>unknownFields</c>, which the spec lacks: what a server
    /// adds before the spec catches up. A string and a number.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, object Value)> UnknownFields = [("direction", "outbound"), ("duration_seconds", 42)];

    /// <summary>A call as the create-call answer; with <paramref name="unknownFields"/>, followed by <see cref="UnknownFields"/>.</summary>
    public static byte[] Call(CannedCall call, bool unknownFields = false) => Serialize(unknownFields ? WithUnknownFields(call) : (object)call);

    /// <summary><c>{"data":[…]}</c> with <see cref="SampleCall"/> 1 to <paramref name="count"/>, each followed by <see cref="UnknownFields"/> if asked.</summary>
    public static byte[] CallList(int count, bool unknownFields = false) =>
        Serialize(new { Data = Enumerable.Range(1, count).Select(SampleCall).Select(call => unknownFields ? WithUnknownFields(call) : (object)call) });

    private static Dictionary<string, object> WithUnknownFields(CannedCall call)
    {
        var fields = JsonSerializer.SerializeToElement(call, Json).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        foreach (var (name, value) in UnknownFields)
        {
            fields.Add(name, value);
        }

        return fields;
    }

    private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);
}

/// <summary>One call of the canned answers.</summary>
public sealed record CannedCall(string Id, string From, string To, string AnswerUrl, string Status, DateTime CreatedAt);
