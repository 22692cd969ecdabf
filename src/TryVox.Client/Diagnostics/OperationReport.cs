using System.Diagnostics;
using System.Net;
using TryVox.Client.Authentication;

namespace TryVox.Client.Diagnostics;

/// <summary>
/// Everything reported about one operation: its span, its metrics and <see cref="TryVoxClientOptions.OnAttempt"/>.
/// The innermost handler tells it of every send that reaches the network, so a request re-sent by an application's
/// handler is numbered and counted like the client's own retries; the adapter tells it how each of its attempts
/// ended, and how the operation did.
/// </summary>
internal sealed class OperationReport : IDisposable
{
    private static readonly HttpRequestOptionsKey<OperationReport> Key = new("TryVox.Operation");

    private readonly string _name;
    private readonly string _method;
    private readonly string _pathTemplate;
    private readonly string _host;
    private readonly TryVoxApiKey _key;
    private readonly Action<TryVoxAttempt>? _onAttempt;
    private readonly CancellationToken _callerToken;
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();

    // What the innermost handler saw; under the lock, since an application's hedging handler may send in parallel.
    private int _attempts;
    private bool _redirected;
    private bool _clientSendsNext;
    private Send _last;
    private bool _lastReported;
    private List<TryVoxAttempt>? _resent;

    public OperationReport(string name, string method, string pathTemplate, string host, TryVoxApiKey key, Action<TryVoxAttempt>? onAttempt, CancellationToken callerToken)
    {
        (_name, _method, _pathTemplate, _host, _key, _onAttempt, _callerToken) = (name, method, pathTemplate, host, key, onAttempt, callerToken);
        _span = TryVoxTelemetry.Source.StartActivity(name, ActivityKind.Client);
        if (_span is not null)
        {
            _span.SetTag("http.request.method", method);
            _span.SetTag("url.template", pathTemplate);
            _span.SetTag("server.address", host);
        }
    }

    /// <summary>How many attempts reached the network so far: 1, or more when the client or an application's handler sent the request again.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The report of the operation a message belongs to; null for a message the client did not build.</summary>
    public static OperationReport? Of(HttpRequestMessage message) => message.Options.TryGetValue(Key, out var report) ? report : null;

    /// <summary>The client is about to send <paramref name="message"/>, the first of an attempt or a redirect it follows.</summary>
    public void Attach(HttpRequestMessage message)
    {
        message.Options.Set(Key, this);
        lock (this)
        {
            _clientSendsNext = true;
        }
    }

    /// <summary>A send reaches the network (from the innermost handler); returns its attempt number, which the message now carries.</summary>
    public int SendStarting(HttpRequestMessage message)
    {
        int attempt;
        Send? retried = null;
        lock (this)
        {
            if (!_clientSendsNext && _last.Attempt > 0 && !_lastReported && _onAttempt is not null)
            {
                // Sent again by a handler of the application's: the client never saw the send before it.
                (_resent ??= []).Add(_last.ToAttempt(_method, _pathTemplate));
            }

            _clientSendsNext = false;
            if (!_redirected || _attempts == 0)
            {
                _attempts++;
                retried = _attempts > 1 ? _last : null;
            }

            _redirected = false;
            attempt = _attempts;
        }

        if (retried is { } previous && TryVoxTelemetry.Retries.Enabled)
        {
            TryVoxTelemetry.Retries.Add(1, Tags(previous.Status, WireErrorType(previous.Status, previous.Failure)));
        }

        if (attempt > 1)
        {
            // A first attempt carries none: AttemptOf reads its absence as 1, and the common request stays free of a box.
            message.Options.Set(TryVoxHttpRequestOptions.Attempt, attempt);
        }

        return attempt;
    }

    /// <summary>A send of attempt <paramref name="attempt"/> was answered, or failed (from the innermost handler).</summary>
    public void SendEnded(int attempt, HttpResponseMessage? response, Exception? failure, long started)
    {
        var status = (int?)response?.StatusCode;
        if (TryVoxTelemetry.Attempts.Enabled || (status == (int)HttpStatusCode.TooManyRequests && TryVoxTelemetry.RateLimited.Enabled))
        {
            var tags = Tags(status, WireErrorType(status, failure));
            TryVoxTelemetry.Attempts.Add(1, tags);
            if (status == (int)HttpStatusCode.TooManyRequests)
            {
                TryVoxTelemetry.RateLimited.Add(1, tags);
            }
        }

        lock (this)
        {
            _last = new Send(attempt, status, failure, Stopwatch.GetElapsedTime(started), _onAttempt is null ? null : RequestId(response));
            _lastReported = false;
            // A redirect continues its attempt: the send that follows it is not a retry.
            _redirected = status is 301 or 302 or 303 or 307 or 308 && response!.Headers.Location is not null;
        }
    }

    /// <summary>
    /// An attempt of the client's ended (after its redirects, with its body read, or not): the span and
    /// <see cref="TryVoxClientOptions.OnAttempt"/> hear of it, after any send of it that an application's handler re-sent.
    /// </summary>
    public void AttemptEnded(int? status, string? requestId, Exception? failure, string? errorType, TimeSpan duration, TimeSpan? retryDelay)
    {
        List<TryVoxAttempt>? resent;
        int attempt;
        lock (this)
        {
            (resent, _resent, attempt, _lastReported) = (_resent, null, _attempts, true);
        }

        if (_span is not null)
        {
            _span.SetTag("tryvox.attempts", attempt);
            _span.SetTag("http.request.resend_count", attempt - 1);
            _span.SetTag("tryvox.request_id", requestId);
            _span.SetTag("http.response.status_code", status);
            if (retryDelay is { } wait)
            {
                _span.AddEvent(new ActivityEvent("tryvox.retry", tags: new ActivityTagsCollection
                {
                    ["tryvox.attempt"] = attempt,
                    ["http.response.status_code"] = status,
                    ["error.type"] = errorType,
                    ["tryvox.retry_delay_ms"] = wait.TotalMilliseconds,
                }));
            }
        }

        if (_onAttempt is { } onAttempt)
        {
            foreach (var earlier in resent ?? [])
            {
                onAttempt(earlier);
            }

            onAttempt(new TryVoxAttempt(_method, _pathTemplate, attempt, status, duration, requestId, failure, retryDelay));
        }
    }

    /// <summary>The operation ended: successfully when <paramref name="errorType"/> is null.</summary>
    public void Ended(int? status, string? errorType)
    {
        if (errorType is not null && _span is not null)
        {
            _span.SetTag("error.type", errorType);
            _span.SetStatus(ActivityStatusCode.Error);
        }

        if (TryVoxTelemetry.Requests.Enabled || TryVoxTelemetry.Duration.Enabled)
        {
            var tags = Tags(status, errorType);
            TryVoxTelemetry.Requests.Add(1, tags);
            TryVoxTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }

    public void Dispose() => _span?.Dispose();

    private TagList Tags(int? status, string? errorType) => TryVoxTelemetry.Tags(_name, _method, _host, _key, status, errorType);

    /// <summary><c>error.type</c> of a send as the innermost handler sees it: before the client has mapped its failure.</summary>
    private string? WireErrorType(int? status, Exception? failure) => failure switch
    {
        OperationCanceledException => _callerToken.IsCancellationRequested ? "canceled" : "timeout",
        System.Net.Sockets.SocketException => TryVoxTelemetry.ErrorText(HttpRequestError.ConnectionError),
        IOException cut => TryVoxTelemetry.ErrorText((cut as HttpIOException)?.HttpRequestError ?? HttpRequestError.Unknown),
        _ => TryVoxTelemetry.ErrorType(status, failure),
    };

    private static string? RequestId(HttpResponseMessage? response) =>
        response is not null && response.Headers.NonValidated.TryGetValues(WireNames.RequestIdHeader, out var ids) ? ids.ToString() : null;

    private readonly record struct Send(int Attempt, int? Status, Exception? Failure, TimeSpan Duration, string? RequestId)
    {
        public TryVoxAttempt ToAttempt(string method, string pathTemplate) => new(method, pathTemplate, Attempt, Status, Duration, RequestId, Failure, null);
    }
}
