using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>Every error the server answers, always in the spec's <c>{"error":{"code","message"}}</c> shape.</summary>
internal static class ServerErrors
{
    /// <summary>The reference's 401 body, word for word.</summary>
    public static readonly TryVoxError Unauthorized = Body("UNAUTHORIZED", "Invalid or missing API key");

    public static TryVoxError Body(string code, string message) => new() { Error = new() { Code = code, Message = message } };

    public static ObjectResult Result(int status, string code, string message) => new(Body(code, message)) { StatusCode = status };

    public static ObjectResult Forbidden(string accountId) =>
        Result(StatusCodes.Status403Forbidden, "FORBIDDEN", $"The API key does not grant access to account {accountId}");

    public static ObjectResult Validation(string message) => Result(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", message);

    /// <summary>
    /// The body of an injected status: the code the spec's example documents for this status of this operation
    /// (<c>CONFLICT</c> for a 409 it declares, say), else the code the spec documents for the status everywhere,
    /// and a message that says it was injected.
    /// </summary>
    public static TryVoxError Injected(int status, string? operation) => Body(
        (operation is null ? null : SpecDocument.Embedded.ErrorCode(operation, status)) ?? status switch
        {
            400 => "VALIDATION_ERROR",
            401 => "UNAUTHORIZED",
            403 => "FORBIDDEN",
            404 => "NOT_FOUND",
            429 => "RATE_LIMITED",
            >= 500 => "INTERNAL_ERROR",
            _ => $"HTTP_{status}",
        },
        $"{status} {ReasonPhrases.GetReasonPhrase(status)} (a fault injected by TryVoxTestServer)");

    public static Task WriteAsync(HttpContext context, int status, TryVoxError body, JsonSerializerOptions json)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, json, "application/json", context.RequestAborted);
    }

    /// <summary>
    /// Gives the bodiless answers of routing and MVC (404 unknown path, 405, 415) the spec's error
    /// body: the spec's <c>4XX</c> response documents them. The message names what was asked, so a
    /// path that drifted from the spec is obvious in a failing test.
    /// </summary>
    public static Task WriteStatusCodeBodyAsync(HttpContext context, JsonSerializerOptions json)
    {
        var request = context.Request;
        var (code, message) = context.Response.StatusCode switch
        {
            404 => ("NOT_FOUND", $"No TryVox operation at {request.Method} {request.PathBase}{request.Path} (see spec/tryvox.yaml)"),
            405 => ("METHOD_NOT_ALLOWED", $"{request.Method} is not an operation of {request.PathBase}{request.Path}"),
            415 => ("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json"),
            var status => ($"HTTP_{status}", $"The request failed with status {status}"),
        };
        return WriteAsync(context, context.Response.StatusCode, Body(code, message), json);
    }
}
