using System.Text.Json;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>What a failed request tells the caller: one typed error for every non-2xx, a clear one for an unreadable 2xx.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task A_TryVox_error_carries_status_code_message_request_id_retry_after_and_attempts()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_42";
            context.Response.Headers.RetryAfter = "30";
            return Fixtures.Error(context, 429, "RATE_LIMITED", "Too many calls");
        });

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            Fixtures.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Equal(429, error.ResponseStatusCode);
        Assert.Equal("RATE_LIMITED", error.Code);
        Assert.Equal("Too many calls", error.Message);
        Assert.Equal("req_42", error.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, error.Attempts);
        Assert.Null(error.RawBody);
    }

    [Fact]
    public async Task The_reference_401_body_becomes_a_typed_error()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, 401,
            """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}"""));
        var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(401, error.ResponseStatusCode);
        Assert.Equal("UNAUTHORIZED", error.Code);
        Assert.Equal("Invalid or missing API key", error.Message);
        Assert.Null(error.RawBody);
        Assert.DoesNotContain(TestKeys.Sandbox, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "VALIDATION_ERROR")]
    [InlineData(403, "FORBIDDEN")]
    [InlineData(404, "NOT_FOUND")]
    [InlineData(409, "CONFLICT")]
    [InlineData(429, "RATE_LIMITED")]
    [InlineData(500, "INTERNAL_ERROR")]
    [InlineData(503, "UNAVAILABLE")]
    public async Task Every_status_maps_to_the_error_schema(int status, string code)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, status,
            $$$"""{"error":{"code":"{{{code}}}","message":"went wrong: {{{status}}}","hint":"h"}}"""));
        var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts["AC1"].Calls.GetAsync());

        Assert.Equal((status, code, $"went wrong: {status}"), (error.ResponseStatusCode, error.Code, error.Message));
        Assert.Equal("h", error.Error!.AdditionalData["hint"]);
    }

    [Fact]
    public async Task An_html_502_from_a_proxy_is_a_typed_error_with_the_raw_body()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) =>
            LoopbackServer.Reply(c, 502, "text/html", "<html><body>Bad Gateway</body></html>"));
        var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC1"].Numbers.GetAsync());

        Assert.Equal(502, error.ResponseStatusCode);
        Assert.Equal("HTTP_502", error.Code);
        Assert.Equal("The server answered 502 Bad Gateway without a TryVox error body; see RawBody.", error.Message);
        Assert.Equal("<html><body>Bad Gateway</body></html>", error.RawBody);
        Assert.Null(error.RequestId);
    }

    [Theory]
    [InlineData("application/json", "", "The server answered 500 Internal Server Error with an empty body.", null)]
    [InlineData("application/json", "{\"message\":\"flat\"}", "The server answered 500 Internal Server Error without a TryVox error body; see RawBody.", "{\"message\":\"flat\"}")]
    [InlineData("application/json", "{\"error\":\"boom\"}", "The server answered 500 Internal Server Error without a TryVox error body; see RawBody.", "{\"error\":\"boom\"}")]
    [InlineData("application/json", "{\"error\":{\"code\":\"X\"", "The server answered 500 Internal Server Error without a TryVox error body; see RawBody.", "{\"error\":{\"code\":\"X\"")]
    [InlineData("text/plain", "oops", "The server answered 500 Internal Server Error without a TryVox error body; see RawBody.", "oops")]
    public async Task A_body_that_is_not_the_error_schema_still_gives_a_typed_error(string contentType, string body, string message, string? raw)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Reply(c, 500, contentType, body));
        var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts["AC1"].Calls.PostAsync(
            new CreateCallRequest { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer" }));

        Assert.Equal((500, "HTTP_500", message, raw), (error.ResponseStatusCode, error.Code, error.Message, error.RawBody));
    }

    [Fact]
    public async Task A_long_raw_body_is_truncated()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Reply(c, 502, "text/plain", new string('x', 10_000)));
        var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC1"].Numbers.GetAsync());

        Assert.Equal(new string('x', 2048) + "…", error.RawBody);
    }

    [Fact]
    public async Task Malformed_JSON_in_a_2xx_names_the_operation_and_is_not_a_NullReferenceException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_7";
            return LoopbackServer.Json(context, 200, """{"data":[{"e164": """);
        });

        var error = await Record.ExceptionAsync(() => Fixtures.Client(server).Account["AC123456"].Numbers.GetAsync());

        var invalid = Assert.IsType<TryVoxInvalidResponseException>(error);
        Assert.StartsWith("GET /account/{account_id}/numbers answered 200, but its body is not valid JSON for PhoneNumberList", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(200, invalid.ResponseStatusCode);
        Assert.Equal("req_7", invalid.RequestId);
        Assert.IsAssignableFrom<JsonException>(invalid.InnerException!.GetBaseException());
        Assert.Contains("Expected depth to be zero", invalid.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_create_call_answered_201_without_a_body_is_a_clear_error_not_a_null_call()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        });

        var error = await Record.ExceptionAsync(() =>
            Fixtures.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        var invalid = Assert.IsType<TryVoxInvalidResponseException>(error);
        Assert.Equal("POST /voice/accounts/{auth_id}/calls answered 201, but its body is empty or not JSON; a Call was expected.", invalid.Message);
        Assert.Single(server.Requests);
    }
}
