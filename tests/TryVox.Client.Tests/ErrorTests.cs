using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>Every non-2xx response surfaces as <see cref="TryVoxError"/> with the server's message.</summary>
public sealed class ErrorTests
{
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
}
