using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using TryVox.Client.Diagnostics;
using TryVox.Client.Models;

namespace TryVox.Client.Middleware;

/// <summary>
/// Sends a request, and sends it again only when the server cannot have acted on it. A create-call POST
/// places a real phone call, so it is re-sent only on 429 (the server refused it) or when the connection
/// failed before anything was sent; a GET is also re-sent on 408, 500, 502, 503, 504, a timed-out
/// attempt and any network failure. Waits grow exponentially with jitter and honour <c>Retry-After</c>.
/// Each attempt has its own timeout, its body is read within it, and it is reported when it ends.
/// </summary>
internal sealed class RetryHandler(RetryPolicy policy, TimeSpan attemptTimeout, Action<TryVoxAttempt>? onAttempt) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.GetRequestOption<OperationContext>() ?? OperationContext.For(request);
        var retry = request.GetRequestOption<RetryOption>()?.Policy ?? policy;
        request.Options.Set(TryVoxRequestOptions.Operation, operation.Operation);
        for (var attempt = 1; ; attempt++)
        {
            operation.Attempts = attempt;
            request.Options.Set(TryVoxRequestOptions.Attempt, attempt);
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage? response = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                response = await SendAttemptAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not the caller: this attempt's own limit (or the HttpClient's) elapsed, possibly together with the operation's.
                failure = ExceptionDispatchInfo.Capture(operation.TimedOut(attemptTimeout, e));
            }

            operation.Record(response);
            var delay = RetryDelay(retry, attempt, request.Method, response, failure?.SourceException, operation);
            AttemptTelemetry.Report(request, new TryVoxAttempt(
                operation.Method, operation.PathTemplate, attempt, operation.StatusCode, Stopwatch.GetElapsedTime(started),
                operation.RequestId, failure?.SourceException, delay), onAttempt);

            if (delay is null)
            {
                failure?.Throw();
                return response!;
            }

            response?.Dispose();
            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt, body included, within <c>attemptTimeout</c>.</summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCancellation.CancelAfter(attemptTimeout);
        var response = await base.SendAsync(request, attemptCancellation.Token).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(attemptCancellation.Token).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The wait before the next attempt, or <c>null</c> when this outcome is final.</summary>
    internal static TimeSpan? RetryDelay(
        RetryPolicy retry, int attempt, HttpMethod method, HttpResponseMessage? response, Exception? failure, OperationContext operation)
    {
        if (!retry.Enabled || attempt > retry.MaxRetries || !MaySendAgain(method, response?.StatusCode, failure))
        {
            return null;
        }

        var delay = retry.Backoff(attempt);
        if (operation.RetryAfter is { } retryAfter)
        {
            // Asked to wait longer than we are willing to: surface the answer (with RetryAfter) instead of retrying early.
            if (retryAfter > retry.MaxDelay)
            {
                return null;
            }

            delay = retryAfter;
        }

        // A wait that would outlast the operation's time limit only turns this answer into a timeout.
        return operation.Remaining != Timeout.InfiniteTimeSpan && delay >= operation.Remaining ? null : delay;
    }

    /// <summary>Whether the server cannot have acted on the request, or acting twice is harmless.</summary>
    internal static bool MaySendAgain(HttpMethod method, HttpStatusCode? status, Exception? failure)
    {
        var repeatable = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
        return (status, failure) switch
        {
            // 429: the server refused the request without acting on it, whatever the method.
            (HttpStatusCode.TooManyRequests, _) => true,
            ({ } code, _) => repeatable && code is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
            // No connection (refused, unreachable, unresolvable name): nothing was sent.
            (_, HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) => true,
            // Anything else may have reached the server after the request was sent (a reset, an ended response, a timeout).
            _ => repeatable,
        };
    }
}
