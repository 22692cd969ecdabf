using System.Diagnostics;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.SendOnce;

/// <summary>
/// The innermost handler, just before the network. It guards: a request that may act on the server (a create-call)
/// goes out at most once per attempt the client makes; a handler between the client and the network that sends it
/// again (an application's retry or resilience handler, which re-sends the message or a copy that keeps its content)
/// is refused, unless the last send shows that the server did not act (<see cref="AttemptClassifier"/>). And it
/// counts: every send it lets through is reported to its operation, so metrics and attempt numbers tell what went
/// over the wire, resends by the application's handlers included.
/// </summary>
internal sealed class SendOnceHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = (request.Content as RequestContent)?.Token;
        token?.Enter();
        var report = OperationReport.Of(request);
        var attempt = report?.SendStarting(request) ?? 0;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            token?.Answered((int)response.StatusCode, null);
            report?.SendEnded(attempt, response, null, started);
            return response;
        }
        catch (Exception e)
        {
            token?.Answered(null, e);
            report?.SendEnded(attempt, null, e, started);
            throw;
        }
    }
}
