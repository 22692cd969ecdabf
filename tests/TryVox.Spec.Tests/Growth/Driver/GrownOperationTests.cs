using Microsoft.Kiota.Abstractions;
using TryVox.Client;
using TryVox.Client.Models;
using TryVox.Client.Testing;
using TryVox.Client.Voice.Accounts.Item;

namespace TryVox.Growth.Driver;

/// <summary>
/// The grown spec's operations through the client, against the test kit in memory: what each puts on the wire, what
/// comes back, and that retries, send-once and the path guard hold for them as for the first three operations.
/// An operation the test kit has no behaviour for is answered from the spec (its success, with a body this reads
/// exactly as Kiota's own parse node reads it) or with a 501 in the spec's error shape; either is accepted, never a 404.
/// </summary>
public sealed class GrownOperationTests : IAsyncLifetime
{
    private const string Account = "AC123456";
    private const string CallId = "call_7f3c2a";
    private const string CallPath = $"/v1/voice/accounts/{Account}/calls/{CallId}";

    private TryVoxTestServer _server = null!;
    private TryVoxClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { AccountId = Account, SequentialIds = true });
        _client = _server.CreateClient(o => o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(5) });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private WithAuth_ItemRequestBuilder Voice => _client.Voice.Accounts[Account];

    [Fact]
    public async Task A_call_is_read_by_its_id()
    {
        await AnsweredAsync("getCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue), () => Voice.Calls[CallId].GetAsync());

        Sent("getCall", "GET", CallPath);
    }

    [Fact]
    public async Task A_call_is_updated_with_a_PATCH_of_the_fields_given()
    {
        var update = new UpdateCallRequest { AnswerUrl = "https://your-app.com/answer-v2", MaxDurationSeconds = 600, Metadata = new() };
        update.Metadata.AdditionalData["order"] = "A-1001";

        await AnsweredAsync("updateCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue), () => Voice.Calls[CallId].PatchAsync(update));

        Sent("updateCall", "PATCH", CallPath, """{"answer_url":"https://your-app.com/answer-v2","max_duration_seconds":600,"metadata":{"order":"A-1001"}}""");
    }

    [Fact]
    public async Task A_call_record_is_deleted_with_its_boolean_query_parameter()
    {
        await NoContentAsync("deleteCall", () => Voice.Calls[CallId].DeleteAsync(r => r.QueryParameters.Force = true));

        Sent("deleteCall", "DELETE", CallPath + "?force=true");
    }

    [Fact]
    public async Task A_call_is_hung_up_with_a_POST_that_is_not_a_create()
    {
        await AnsweredAsync("hangupCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue),
            () => Voice.Calls[CallId].Hangup.PostAsync(new HangupRequest { Reason = HangupRequest_reason.Api }));

        Sent("hangupCall", "POST", CallPath + "/hangup", """{"reason":"api"}""");
    }

    [Fact]
    public async Task A_calls_tags_are_replaced_with_a_PUT_of_a_JSON_array()
    {
        await AnsweredAsync("replaceCallTags", 200, Kiota.Strings, () => Voice.Calls[CallId].Tags.PutAsync(["campaign-7", "vip"]));

        Sent("replaceCallTags", "PUT", CallPath + "/tags", """["campaign-7","vip"]""");
    }

    [Fact]
    public async Task A_calls_events_are_listed_with_an_array_of_enums_and_a_string_in_the_query()
    {
        await AnsweredAsync("listCallEvents", 200, Kiota.Model(CallEventList.CreateFromDiscriminatorValue), () => Voice.Calls[CallId].Events.GetAsync(r =>
        {
            r.QueryParameters.Type = [CallEventType.Answered, CallEventType.Completed];
            r.QueryParameters.PageToken = "page 2/3";
        }));

        Sent("listCallEvents", "GET", CallPath + "/events?page_token=page%202%2F3&type=answered&type=completed");
    }

    [Fact]
    public async Task Webhooks_are_created_listed_replaced_and_deleted_under_a_new_tag()
    {
        var webhooks = _client.Account[Account].Webhooks;
        var request = new WebhookRequest { Url = "https://your-app.com/events", Events = [CallEventType.Answered, CallEventType.Completed], Active = true };
        const string body = """{"active":true,"events":["answered","completed"],"url":"https://your-app.com/events"}""";

        await AnsweredAsync("createWebhook", 201, Kiota.Model(Webhook.CreateFromDiscriminatorValue), () => webhooks.PostAsync(request));
        await AnsweredAsync("listWebhooks", 200, Kiota.Models(Webhook.CreateFromDiscriminatorValue), () => webhooks.GetAsync());
        await AnsweredAsync("replaceWebhook", 200, Kiota.Model(Webhook.CreateFromDiscriminatorValue), () => webhooks["wh_51c0"].PutAsync(request));
        await NoContentAsync("deleteWebhook", () => webhooks["wh_51c0"].DeleteAsync());

        Assert.Equal(
            [
                ("createWebhook", "POST", $"/v1/account/{Account}/webhooks", body),
                ("listWebhooks", "GET", $"/v1/account/{Account}/webhooks", ""),
                ("replaceWebhook", "PUT", $"/v1/account/{Account}/webhooks/wh_51c0", body),
                ("deleteWebhook", "DELETE", $"/v1/account/{Account}/webhooks/wh_51c0", ""),
            ],
            _server.Requests.Select(r => (r.Operation, r.Method, r.Path, r.Body)));
    }

    [Fact]
    public async Task A_number_at_the_root_of_an_answer_is_read()
    {
        await AnsweredAsync("getBalance", 200, Kiota.Number, () => _client.Account[Account].Balance.GetAsync());

        Sent("getBalance", "GET", $"/v1/account/{Account}/balance");
    }

    [Fact]
    public async Task Listing_calls_with_an_integer_an_array_of_enums_and_a_date_time_in_the_query_still_lists_the_calls_placed()
    {
        var placed = await Voice.Calls.PostAsync(NewCall());

        var calls = await AnsweredAsync("listCalls", 200, Kiota.Model(CallList.CreateFromDiscriminatorValue), () => Voice.Calls.GetAsync(r =>
        {
            r.QueryParameters.Limit = 10;
            r.QueryParameters.Status = [CallState.Queued, CallState.Ringing];
            r.QueryParameters.CreatedAfter = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        }), handWritten: true);

        Assert.Contains(placed!.Id, calls!.Data!.Select(c => c.Id));
        Assert.Equal($"/v1/voice/accounts/{Account}/calls?created_after=2020-01-02T03%3A04%3A05.0000000%2B00%3A00&limit=10&status=queued&status=ringing",
            _server.Requests[^1].Path);
    }

    [Fact]
    public async Task Listing_calls_by_a_single_enum_and_numbers_by_country_puts_them_in_the_query()
    {
        await AnsweredAsync("listCalls", 200, Kiota.Model(CallList.CreateFromDiscriminatorValue),
            () => Voice.Calls.GetAsync(r => r.QueryParameters.Direction = CallDirection.Outbound), handWritten: true);
        var numbers = await AnsweredAsync("listNumbers", 200, Kiota.Model(PhoneNumberList.CreateFromDiscriminatorValue),
            () => _client.Account[Account].Numbers.GetAsync(r => r.QueryParameters.Country = "IN"), handWritten: true);

        Assert.Contains("+919876543210", numbers!.Data!.Select(n => n.E164));
        Assert.Equal([$"/v1/voice/accounts/{Account}/calls?direction=outbound", $"/v1/account/{Account}/numbers?country=IN"], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task FindAsync_finds_a_placed_call_on_the_grown_list()
    {
        var since = DateTimeOffset.UtcNow;
        var placed = await Voice.Calls.PostAsync(NewCall());

        var found = await Voice.Calls.FindAsync(NewCall(), since);

        Assert.Equal(placed!.Id, Assert.Single(found).Id);
        Assert.Equal(("listCalls", "GET", $"/v1/voice/accounts/{Account}/calls"), (_server.Requests[^1].Operation, _server.Requests[^1].Method, _server.Requests[^1].Path));
    }

    [Fact]
    public async Task A_GET_by_id_answered_503_is_sent_again()
    {
        _server.Faults.On("getCall", TryVoxFault.Status(503), times: 1);

        await AnsweredAsync("getCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue), () => Voice.Calls[CallId].GetAsync());

        Assert.Equal([(503, 1), (_server.Requests[^1].StatusCode, 2)], _server.Requests.Select(r => (r.StatusCode, r.Attempt)));
    }

    [Fact]
    public async Task A_POST_that_is_not_a_create_answered_503_is_sent_once_and_its_outcome_is_unknown()
    {
        _server.Faults.On("hangupCall", TryVoxFault.Status(503));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Voice.Calls[CallId].Hangup.PostAsync(new HangupRequest { Reason = HangupRequest_reason.Caller }));

        Assert.Equal((503, true, 1), (error.ResponseStatusCode, error.OutcomeUnknown, error.Attempts));
        Assert.Equal(("hangupCall", 503), (Assert.Single(_server.Requests).Operation, _server.Requests[0].StatusCode));
    }

    [Fact]
    public async Task A_PATCH_answered_429_is_sent_again_because_the_server_did_not_act()
    {
        _server.Faults.On("updateCall", TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), times: 1);

        await AnsweredAsync("updateCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue), () => Voice.Calls[CallId].PatchAsync(new UpdateCallRequest { MaxDurationSeconds = 60 }));

        Assert.Equal([(429, 1), (_server.Requests[^1].StatusCode, 2)], _server.Requests.Select(r => (r.StatusCode, r.Attempt)));
        Assert.All(_server.Requests, r => Assert.Equal("""{"max_duration_seconds":60}""", r.Body));
    }

    [Fact]
    public async Task A_DELETE_whose_connection_drops_after_the_server_acted_is_not_sent_again()
    {
        _server.Faults.On("deleteWebhook", TryVoxFault.DropConnectionAfterActing());

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() => _client.Account[Account].Webhooks["wh_51c0"].DeleteAsync());

        Assert.True(error.OutcomeUnknown);
        Assert.Equal("deleteWebhook", Assert.Single(_server.Requests).Operation);
    }

    [Fact]
    public async Task The_new_error_status_409_is_a_TryVoxError_that_is_not_sent_again()
    {
        _server.Faults.On("hangupCall", TryVoxFault.Status(409));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Voice.Calls[CallId].Hangup.PostAsync(new HangupRequest { Reason = HangupRequest_reason.Api }));

        var answer = Assert.Single(_server.Requests);
        Assert.Equal((409, false, 1), (error.ResponseStatusCode, error.OutcomeUnknown, error.Attempts));
        Assert.Equal(Kiota.Model(TryVoxError.CreateFromDiscriminatorValue).AsKiotaReadsIt(answer.ResponseBody!), Kiota.Model(TryVoxError.CreateFromDiscriminatorValue).Written(error));
    }

    [Fact]
    public async Task A_call_or_webhook_id_that_would_address_another_path_is_refused_before_anything_is_sent()
    {
        var dots = await Assert.ThrowsAsync<ArgumentException>(() => Voice.Calls[".."].GetAsync());
        var encoded = await Assert.ThrowsAsync<ArgumentException>(() => Voice.Calls["%2e"].Hangup.PostAsync(new HangupRequest { Reason = HangupRequest_reason.Api }));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => _client.Account[Account].Webhooks[""].DeleteAsync());

        Assert.Equal(("call_id", "call_id", "webhook_id"), (dots.ParamName, encoded.ParamName, empty.ParamName));
        Assert.StartsWith("The path parameter call_id is \"..\".", dots.Message, StringComparison.Ordinal);
        Assert.StartsWith("The path parameter call_id is \"%2e\", which is \".\" once decoded.", encoded.Message, StringComparison.Ordinal);
        Assert.StartsWith("The path parameter webhook_id is empty.", empty.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_call_id_is_percent_encoded_into_one_path_segment()
    {
        await AnsweredAsync("getCall", 200, Kiota.Model(Call.CreateFromDiscriminatorValue), () => Voice.Calls["call 1"].GetAsync());

        Sent("getCall", "GET", $"/v1/voice/accounts/{Account}/calls/call%201");
    }

    private static CreateCallRequest NewCall() => new() { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer" };

    /// <summary>The only request the server received: its operation, method, path with query, and body.</summary>
    private void Sent(string operation, string method, string path, string body = "") =>
        Assert.Equal((operation, method, path, body), (Assert.Single(_server.Requests).Operation, _server.Requests[0].Method, _server.Requests[0].Path, _server.Requests[0].Body));

    /// <summary>
    /// Sends an operation and checks its answer: the spec's <paramref name="success"/> status, read exactly as Kiota
    /// reads the body the server sent; or, unless the test kit has <paramref name="handWritten"/> behaviour for it,
    /// a 501 with the spec's error body, thrown as that <see cref="TryVoxError"/>.
    /// </summary>
    private async Task<T?> AnsweredAsync<T>(string operation, int success, Kiota.Shape<T> shape, Func<Task<T?>> send, bool handWritten = false)
    {
        var (result, error) = await Outcome(send);
        var answer = Answer(operation);
        if (answer.StatusCode == 501 && !handWritten)
        {
            IsSpecError(answer, error);
            return default;
        }

        Assert.True(answer.StatusCode == success && error is null,
            $"{operation} was answered {answer.StatusCode} {answer.ResponseBody}; the spec answers {success}{(handWritten ? "" : " (or 501, for an operation the test kit has no behaviour for)")}. The client {(error is null ? "returned a result" : "threw " + error)}.");
        Assert.Equal(shape.AsKiotaReadsIt(answer.ResponseBody!), shape.Written(result));
        return result;
    }

    /// <summary>An operation whose spec answer is 204 No Content, or 501 from a test kit with no behaviour for it.</summary>
    private async Task NoContentAsync(string operation, Func<Task> send)
    {
        var (_, error) = await Outcome<object>(async () =>
        {
            await send();
            return null;
        });
        var answer = Answer(operation);
        if (answer.StatusCode == 501)
        {
            IsSpecError(answer, error);
            return;
        }

        Assert.True(answer.StatusCode == 204 && error is null && answer.ResponseBody is "",
            $"{operation} was answered {answer.StatusCode} {answer.ResponseBody}; the spec answers 204 with no body (or 501, for an operation the test kit has no behaviour for). The client {(error is null ? "returned" : "threw " + error)}.");
    }

    private static async Task<(T? Result, ApiException? Error)> Outcome<T>(Func<Task<T?>> send)
    {
        try
        {
            return (await send(), null);
        }
        catch (ApiException e)
        {
            return (default, e);
        }
    }

    /// <summary>The server's last answer, to a request that routing took for <paramref name="operation"/>.</summary>
    private RecordedRequest Answer(string operation)
    {
        Assert.NotEmpty(_server.Requests);
        var answer = _server.Requests[^1];
        Assert.True(answer.Operation == operation,
            $"The test kit took {answer.Method} {answer.Path} for {answer.Operation ?? "no operation"}, not {operation}: it answered {answer.StatusCode} {answer.ResponseBody}");
        return answer;
    }

    private static void IsSpecError(RecordedRequest answer, ApiException? error)
    {
        var thrown = Assert.IsType<TryVoxError>(error);
        Assert.Equal(501, thrown.ResponseStatusCode);
        Assert.False(string.IsNullOrEmpty(thrown.Code), $"A 501 needs the spec's error body with a code: {answer.ResponseBody}");
        Assert.Equal(Kiota.Model(TryVoxError.CreateFromDiscriminatorValue).AsKiotaReadsIt(answer.ResponseBody!), Kiota.Model(TryVoxError.CreateFromDiscriminatorValue).Written(thrown));
    }
}
