using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>What a failed request tells the caller: one typed error for every non-2xx, a clear one for an unreadable 2xx.</summary>
public sealed class ErrorPropertiesTests
{
    [Fact]
    public async Task A_TryVox_error_carries_status_code_message_request_id_retry_after_and_attempts()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_42";
            context.Response.Headers.RetryAfter = "30";
            return PipelineOptions.Error(context, 429, "RATE_LIMITED", "Too many calls");
        });

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            PipelineOptions.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(PipelineOptions.NewCall()));

        Assert.Equal(429, error.ResponseStatusCode);
        Assert.Equal("RATE_LIMITED", error.Code);
        Assert.Equal("Too many calls", error.Message);
        Assert.Equal("req_42", error.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, error.Attempts);
        Assert.Null(error.RawBody);
    }

    [Fact]
    public async Task An_HTML_502_from_a_proxy_gives_the_typed_error_with_status_502_and_the_raw_body()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync(html);
        });

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            PipelineOptions.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(PipelineOptions.NewCall()));

        Assert.Equal(502, error.ResponseStatusCode);
        Assert.Equal("HTTP_502", error.Code);
        Assert.Equal(html, error.RawBody);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Malformed_JSON_in_a_2xx_names_the_operation_and_is_not_a_NullReferenceException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_7";
            return LoopbackServer.Json(context, 200, """{"data":[{"e164": """);
        });

        var error = await Record.ExceptionAsync(() => PipelineOptions.Client(server).Account["AC123456"].Numbers.GetAsync());

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
            PipelineOptions.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(PipelineOptions.NewCall()));

        var invalid = Assert.IsType<TryVoxInvalidResponseException>(error);
        Assert.Equal("POST /voice/accounts/{auth_id}/calls answered 201, but its body is empty or not JSON; a Call was expected.", invalid.Message);
        Assert.Single(server.Requests);
    }
}
