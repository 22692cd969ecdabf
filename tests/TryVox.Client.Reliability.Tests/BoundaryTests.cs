using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// The edges of the status, redirect and Retry-After decisions, one answer each over 127.0.0.1: what is a redirect,
/// which redirects are followed, how an error body is kept, when a wait is honoured. Written against the survivors of
/// a mutation run (docs/reliability.md).
/// </summary>
public sealed class BoundaryTests
{
    private const string CallsPath = "/v1/voice/accounts/AC123456/calls";

    [Fact]
    public async Task A_300_is_reported_as_a_redirect_that_was_not_followed()
    {
        await using var server = new RawHttpServer(Answer(300, string.Empty, "text/plain"));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal("The server answered 300 Multiple Choices after 0 redirect(s); it is no redirect the client follows (301, 302, 303, 307 or 308 with a Location).", error.Message);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task A_400_page_is_no_redirect_and_keeps_its_body_in_RawBody()
    {
        await using var server = new RawHttpServer(Answer(400, "<h1>bad</h1>", "text/html"));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(("HTTP_400", "The server answered 400 Bad Request without a TryVox error body; see RawBody.", "<h1>bad</h1>"), (error.Code, error.Message, error.RawBody));
    }

    [Theory]
    [InlineData(2048, false)]
    [InlineData(2049, true)]
    public async Task RawBody_keeps_2048_bytes_and_marks_a_longer_body_as_cut(int length, bool cut)
    {
        var page = new string('p', length);
        await using var server = new RawHttpServer(Answer(502, page, "text/html"));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl, o => o.Retry.MaxRetries = 0).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(cut ? page[..2048] + "…" : page, error.RawBody);
    }

    [Fact]
    public async Task An_error_page_declared_longer_than_the_error_read_limit_still_keeps_its_start_in_RawBody()
    {
        // Content-Length says 100,000 bytes, past the 64 KiB an error body is read to: its start is read all the same.
        var page = "<html>" + new string('p', 100_000 - 6);
        await using var server = new RawHttpServer(Answer(500, page, "text/html"));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal(("HTTP_500", "The server answered 500 Internal Server Error without a TryVox error body; see RawBody.", page[..2048] + "…", true),
            (error.Code, error.Message, error.RawBody, error.OutcomeUnknown));
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task An_error_body_whose_message_is_not_a_string_is_not_the_servers_error_but_keeps_its_code()
    {
        await using var server = new RawHttpServer(Answer(422, """{"error":{"code":"UNPROCESSABLE","message":5}}"""));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(("UNPROCESSABLE", "The server answered 422 Unprocessable Entity without a TryVox error body; see RawBody.", """{"error":{"code":"UNPROCESSABLE","message":5}}"""),
            (error.Code, error.Message, error.RawBody));
    }

    [Fact]
    public async Task An_error_body_whose_code_is_not_a_string_is_still_the_servers_error_with_its_message()
    {
        await using var server = new RawHttpServer(Answer(422, """{"error":{"code":42,"message":"The to number is not E.164"}}"""));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(("The to number is not E.164", null), (error.Message, error.RawBody));
    }

    [Fact]
    public async Task An_error_body_with_a_code_but_no_message_keeps_the_servers_code()
    {
        await using var server = new RawHttpServer(Answer(422, """{"error":{"code":"UNPROCESSABLE"}}"""));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal((422, "UNPROCESSABLE"), (error.ResponseStatusCode, error.Code));
        Assert.StartsWith("The server answered 422", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_equal_to_MaxDelay_is_waited_for_and_the_create_sent_again()
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(exchange.Number == 1
            ? RawHttpServer.Answer(429, """{"error":{"code":"RATE_LIMITED","message":"slow down"}}""", extraHeaders: "Retry-After: 1\r\n")
            : RawHttpServer.Answer(201, Wire.CallJson)));
        var client = Wire.Client(server.BaseUrl, o => o.Retry.MaxDelay = TimeSpan.FromSeconds(1));

        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.Equal(2, server.Received);
    }

    [Fact]
    public async Task A_303_after_a_create_is_fetched_with_a_GET_without_the_body()
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(exchange.Request.Method == "POST"
            ? RawHttpServer.Answer(303, string.Empty, extraHeaders: $"Location: {CallsPath}/call_7f3c2a\r\n")
            : RawHttpServer.Answer(200, Wire.CallJson)));

        var call = await Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.Equal([("POST", CallsPath, true), ("GET", $"{CallsPath}/call_7f3c2a", false)], server.Requests.Select(r => (r.Method, r.Target, r.Body.Length > 0)));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task A_permanent_redirect_of_a_create_is_followed_with_its_method_and_body(int status)
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(exchange.Request.Target.StartsWith("/v1/", StringComparison.Ordinal)
            ? RawHttpServer.Answer(status, string.Empty, extraHeaders: $"Location: /v2/voice/accounts/AC123456/calls\r\n")
            : RawHttpServer.Answer(201, Wire.CallJson)));

        var call = await Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.Equal([("POST", CallsPath), ("POST", "/v2/voice/accounts/AC123456/calls")], server.Requests.Select(r => (r.Method, r.Target)));
        Assert.Equal(server.Requests.First().Body, server.Requests.Last().Body);
    }

    [Theory]
    [InlineData(302, "")]
    [InlineData(302, "Location: ftp://127.0.0.1/v1/account/AC123456/numbers\r\n")]
    [InlineData(304, "Location: /v1/account/AC123456/numbers\r\n")]
    public async Task A_redirect_without_a_usable_Location_or_of_another_kind_is_not_followed(int status, string location)
    {
        await using var server = new RawHttpServer(Answer(status, string.Empty, extraHeaders: location));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal((status, 1), (error.ResponseStatusCode, error.Attempts));
        Assert.Contains("after 0 redirect(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task A_success_with_a_Location_header_is_the_answer_not_a_redirect()
    {
        await using var server = new RawHttpServer(Answer(201, Wire.CallJson, extraHeaders: $"Location: {CallsPath}/call_7f3c2a\r\n"));

        var call = await Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task A_create_answered_201_with_malformed_JSON_was_placed_is_not_sent_again_and_is_not_unknown()
    {
        await using var server = new RawHttpServer(Answer(201, Wire.CallJson[..40]));

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((201, 1, false), (error.ResponseStatusCode, error.Attempts, error.OutcomeUnknown));
        Assert.StartsWith("POST /voice/accounts/{auth_id}/calls answered 201, but its body is not valid JSON for Call", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task A_create_answered_201_without_a_body_is_an_invalid_response()
    {
        await using var server = new RawHttpServer(Answer(201, string.Empty));

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal("POST /voice/accounts/{auth_id}/calls answered 201, but its body is empty or not JSON; a Call was expected.", error.Message);
    }

    [Theory]
    [InlineData(65_536, false, false)]
    [InlineData(65_537, true, false)]
    [InlineData(65_536, false, true)]
    [InlineData(65_537, true, true)]
    public async Task A_body_is_read_up_to_exactly_MaxResponseBytes_whether_its_length_is_counted_or_declared(int size, bool tooLarge, bool declared)
    {
        // Valid JSON padded with spaces to the exact size; without Content-Length the client counts as it reads.
        var json = Wire.NumbersJson + new string(' ', size - Wire.NumbersJson.Length);
        var length = declared ? $"Content-Length: {size}\r\n" : string.Empty;
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n{json}");
            exchange.Close();
        });
        var client = Wire.Client(server.BaseUrl, o => o.MaxResponseBytes = 65_536);

        var error = await Record.ExceptionAsync(() => client.Account["AC123456"].Numbers.GetAsync());

        if (tooLarge)
        {
            Assert.Equal(
                "GET /account/{account_id}/numbers answered 200, but its body is larger than TryVoxClientOptions.MaxResponseBytes (65,536 bytes), so it was not read; " +
                "raise MaxResponseBytes if answers this large are expected.",
                Assert.IsType<TryVoxInvalidResponseException>(error).Message);
        }
        else
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public async Task A_success_body_that_starts_with_a_UTF_8_byte_order_mark_reads_as_Kiotas_parse_node_reads_it()
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(WithByteOrderMark(exchange.Request.Method == "POST" ? 201 : 200,
            exchange.Request.Method == "POST" ? Wire.CallJson : Wire.NumbersJson)));
        var client = Wire.Client(server.BaseUrl);

        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());
        var numbers = await client.Account["AC123456"].Numbers.GetAsync();

        Assert.Equal(("call_7f3c2a", "queued"), (call!.Id, call.Status));
        Assert.Equal("+919876543210", Assert.Single(numbers!.Data!).E164);
        Assert.Equal(2, server.Received);
    }

    [Fact]
    public async Task An_error_body_that_starts_with_a_UTF_8_byte_order_mark_keeps_its_code_and_message()
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(
            WithByteOrderMark(400, """{"error":{"code":"VALIDATION_ERROR","message":"to must be an E.164 phone number"}}""")));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((400, "VALIDATION_ERROR", "to must be an E.164 phone number", (string?)null), (error.ResponseStatusCode, error.Code, error.Message, error.RawBody));
    }

    /// <summary>An answer whose body is <paramref name="json"/> after the three bytes EF BB BF, as some Windows servers write it.</summary>
    private static byte[] WithByteOrderMark(int status, string json)
    {
        var body = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(json)).ToArray();
        var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {RawHttpServer.Reason(status)}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static Func<RawExchange, Task> Answer(int status, string body, string contentType = "application/json", string extraHeaders = "") =>
        exchange => exchange.WriteAsync(RawHttpServer.Answer(status, body, contentType, extraHeaders));
}
