using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TryVox.Client.Testing.Transport;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// The outermost middleware: records every request with what the server did with it, and writes one
/// line per request to the log. The answer is buffered so that a fault can still replace it or drop
/// the connection after the server acted.
/// </summary>
internal sealed class RequestRecorder(TextWriter? log, RequestClock clock)
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>What the inner middleware and controllers tell the recorder about the request in flight.</summary>
    public static Recording Of(HttpContext context) => context.Features.GetRequiredFeature<Recording>();

    public async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var recording = new Recording();
        context.Features.Set(recording);
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        recording.ReceivedAt = clock.Now;
        var wire = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        var clientGaveUp = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout) while a delay held the answer back.
            clientGaveUp = true;
        }
        finally
        {
            context.Response.Body = wire;
        }

        var answered = !clientGaveUp && !recording.Dropped;
        var request = new RecordedRequest
        {
            Operation = TryVoxOperation.Of(context),
            ReceivedAt = recording.ReceivedAt,
            Method = context.Request.Method,
            Path = $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
            TenantId = context.Request.Headers.TryGetValue(SpecRequestFilter.TenantHeader, out var tenant) ? tenant.ToString() : null,
            Body = body,
            Attempt = int.TryParse(context.Request.Headers[AttemptHeaderHandler.Header], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
                ? attempt : null,
            StatusCode = answered ? context.Response.StatusCode : null,
            ResponseBody = answered ? Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length) : null,
            Fault = recording.Fault,
            PlacedCallId = recording.PlacedCallId,
        };
        lock (_requests)
        {
            _requests.Add(request);
        }

        log?.WriteLine(
            $"{request.Method} {request.Path} -> {(recording.Dropped ? "connection dropped" : request.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "client gave up")}" +
            (recording.Fault is { } fault ? $" (injected: {fault})" : ""));

        if (clientGaveUp)
        {
            // Completing normally would make TestHost hand the client an empty 200 after all.
            context.RequestAborted.ThrowIfCancellationRequested();
        }

        if (answered)
        {
            // Recorded first: a client that has seen the status may leave before the body, as the TryVox client does with
            // an answer it will retry.
            answer.Position = 0;
            await answer.CopyToAsync(wire, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return body;
    }

    /// <summary>The request in flight, as the fault injection and the controllers report it.</summary>
    internal sealed class Recording
    {
        /// <summary>When the request had arrived, body included; the rate limits set it to the instant they judged it.</summary>
        public DateTimeOffset ReceivedAt { get; set; }

        public TryVoxFault? Fault { get; set; }

        /// <summary>The connection was dropped: no answer may be written.</summary>
        public bool Dropped { get; set; }

        public string? PlacedCallId { get; set; }
    }
}
