using System.Net;
using System.Text;
using TryVox.Client;
using TryVox.Client.Models;

namespace TryVox.Growth.Driver;

/// <summary>
/// The grown models, with a value of every JSON kind in every field (and fields the spec does not know), are read
/// by the client's generated readers exactly as Kiota's own parse node reads them; the response limit holds for the
/// new operations.
/// </summary>
public sealed class GrownModelReadingTests
{
    private const string Account = "AC123456";

    private const string FullCall = """
        {"id":"call_1","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"completed",
         "created_at":"2026-01-01T12:00:00Z","direction":"inbound","duration_seconds":2147483647,"billable_ms":9007199254740993,
         "price":1.5e-7,"rate":0.01750000000000000001,"answered":false,"answered_at":"2026-01-01T12:00:07.1234567+05:30",
         "billing_date":"2026-02-28","recording_id":"3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b","tags":["a","\u00e9\ud83d\udcde",""],
         "metadata":{"order":"A-1001","nested":{"x":[1,2.5,true,null]}},"cost":{"amount":0,"currency":"EUR","components":[
         {"kind":"recording","amount":-0.001,"future":"kept"},{"kind":"not-yet-known","amount":1}]},
         "legs":[{"number":"+14155551234","status":"no-answer","started_at":null},{"status":"in-progress"}],
         "hangup_cause":null,"unknown_number":12345678901234567890,"unknown_object":{"a":{"b":[]}}}
        """;

    private const string Events = """
        {"data":[{"id":"evt_1","type":"answered","at":"2026-01-01T12:00:07Z","sequence":-9223372036854775808,
         "detail":{"sip_code":486,"message":null,"extra":[{"y":1}]}},{"id":"evt_2","type":"failed","at":"2026-01-01T12:00:09Z"}],
         "next_page_token":"t\"2"}
        """;

    private const string Webhooks = """
        [{"id":"wh_1","url":"https://your-app.com/events","events":["queued","completed"],"active":false,"created_at":"2026-01-01T00:00:00Z"},
         {"id":"wh_2","url":"https://your-app.com/e2","events":[]}]
        """;

    [Fact]
    public async Task A_call_with_every_new_field_is_read_as_Kiota_reads_it()
    {
        using var client = Answering(FullCall);

        var call = await client.Voice.Accounts[Account].Calls["call_1"].GetAsync();

        Assert.Equal(Kiota.Model(Call.CreateFromDiscriminatorValue).AsKiotaReadsIt(FullCall), Kiota.Model(Call.CreateFromDiscriminatorValue).Written(call));
        Assert.Equal((9007199254740993L, 2147483647, CallDirection.Inbound), (call!.BillableMs, call.DurationSeconds, call.Direction));
    }

    [Fact]
    public async Task Events_webhooks_tags_and_a_balance_are_read_as_Kiota_reads_them()
    {
        using (var client = Answering(Events))
        {
            var events = await client.Voice.Accounts[Account].Calls["call_1"].Events.GetAsync();
            Assert.Equal(Kiota.Model(CallEventList.CreateFromDiscriminatorValue).AsKiotaReadsIt(Events), Kiota.Model(CallEventList.CreateFromDiscriminatorValue).Written(events));
        }

        using (var client = Answering(Webhooks))
        {
            var webhooks = await client.Account[Account].Webhooks.GetAsync();
            Assert.Equal(Kiota.Models(Webhook.CreateFromDiscriminatorValue).AsKiotaReadsIt(Webhooks), Kiota.Models(Webhook.CreateFromDiscriminatorValue).Written(webhooks));
        }

        using (var client = Answering("""["x","y"]"""))
        {
            Assert.Equal(["x", "y"], await client.Voice.Accounts[Account].Calls["call_1"].Tags.PutAsync(["x", "y"]));
        }

        using (var client = Answering("12.5"))
        {
            Assert.Equal(12.5, await client.Account[Account].Balance.GetAsync());
        }
    }

    [Fact]
    public async Task A_new_operations_answer_larger_than_the_limit_is_refused_unread()
    {
        using var client = Answering(Events, maxResponseBytes: Events.Length - 1);

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Voice.Accounts[Account].Calls["call_1"].Events.GetAsync());

        Assert.Contains("larger than TryVoxClientOptions.MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    private static TryVoxClient Answering(string json, int maxResponseBytes = 16 * 1024 * 1024) => new(new TryVoxClientOptions
    {
        ApiKey = "tvx_sk_test_growth",
        PrimaryHandler = new Answer(json),
        MaxResponseBytes = maxResponseBytes,
    });

    /// <summary>Answers every request with 200 and <paramref name="json"/>, in memory.</summary>
    private sealed class Answer(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
