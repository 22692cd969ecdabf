using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// Applies the fault scheduled for the request (<see cref="TryVoxFaults"/>). It runs after routing, so
/// faults can target an operation, and before authentication, as a gateway's or a crashing server's would.
/// </summary>
internal static class FaultInjection
{
    public static async Task InjectAsync(HttpContext context, RequestDelegate next, TryVoxFaults faults, JsonSerializerOptions json)
    {
        var operation = TryVoxOperation.Of(context);
        var fault = faults.Take(operation);
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var recording = RequestRecorder.Of(context);
        recording.Fault = fault;
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case TryVoxFaultKind.Status:
                var status = fault.StatusCode!.Value;
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = TryVoxFault.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
                }

                await ServerErrors.WriteAsync(context, status, ServerErrors.Injected(status, operation), json).ConfigureAwait(false);
                break;
            case TryVoxFaultKind.DropConnectionBeforeActing:
                Drop(context, recording);
                break;
            case TryVoxFaultKind.DropConnectionAfterActing:
                // The recorder holds the answer back and sends nothing once the connection is dropped.
                await next(context).ConfigureAwait(false);
                Drop(context, recording);
                break;
            case TryVoxFaultKind.MalformedBody:
                var answer = await ActAsync(context, next).ConfigureAwait(false);
                // Half of a JSON object is never valid JSON: the closing brace is gone.
                var sent = context.Response.StatusCode is >= 200 and < 300 ? answer[..(answer.Length / 2)] : answer;
                context.Response.ContentLength = sent.Length;
                await context.Response.Body.WriteAsync(sent, context.RequestAborted).ConfigureAwait(false);
                break;
            default:
                await next(context).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Runs the rest of the pipeline (the server acts) and returns its answer's body, unwritten.</summary>
    private static async Task<byte[]> ActAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
        }

        return answer.ToArray();
    }

    /// <summary>
    /// Kestrel resets the TCP connection. TestHost reports the abort to its client as a cancellation, which
    /// the in-memory transport turns into the exception a reset gives (<c>Transport/InMemoryTransport</c>).
    /// </summary>
    private static void Drop(HttpContext context, RequestRecorder.Recording recording)
    {
        recording.Dropped = true;
        context.Abort();
    }
}
