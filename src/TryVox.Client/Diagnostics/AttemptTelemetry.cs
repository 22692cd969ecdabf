using System.Diagnostics;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace TryVox.Client.Diagnostics;

/// <summary>
/// Reports an ended attempt: tags Kiota's spans (its <see cref="ActivitySource"/>, named by
/// <see cref="ObservabilityOptions.TracerInstrumentationName"/>) and calls <see cref="TryVoxClientOptions.OnAttempt"/>.
/// </summary>
internal static class AttemptTelemetry
{
    public static void Report(HttpRequestMessage request, TryVoxAttempt attempt, Action<TryVoxAttempt>? onAttempt)
    {
        // Every Kiota span this attempt runs in: the operation's span and its send span. Never a span of the caller's.
        var source = request.GetRequestOption<ObservabilityOptions>()?.TracerInstrumentationName;
        for (var span = Activity.Current; span is not null && span.Source.Name == source; span = span.Parent)
        {
            span.SetTag("tryvox.attempts", attempt.Attempt);
            span.SetTag("http.request.resend_count", attempt.Attempt - 1);
            span.SetTag("tryvox.request_id", attempt.RequestId);
            if (attempt.RetryDelay is { } delay)
            {
                span.AddEvent(new ActivityEvent("tryvox.retry", tags: new ActivityTagsCollection
                {
                    ["tryvox.attempt"] = attempt.Attempt,
                    ["http.response.status_code"] = attempt.StatusCode,
                    ["error.type"] = attempt.Exception?.GetType().FullName,
                    ["tryvox.retry_delay_ms"] = delay.TotalMilliseconds,
                }));
            }
        }

        onAttempt?.Invoke(attempt);
    }
}
