using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;
using TryVox.Client.Authentication;
using TryVox.Client.Diagnostics;
using TryVox.Client.Http;
using TryVox.Client.Middleware;
using TryVox.Client.Models;
using TryVox.Client.Placement;
using TryVox.Client.Serialization;

namespace TryVox.Client;

/// <summary>
/// Kiota's request adapter, written for this API (CUSTOM: it replaces Kiota's <c>HttpClientRequestAdapter</c>, so
/// it decides what every generated method sends, returns and throws). One operation runs here from start to end:
/// the path parameters are checked and the URL built; the key goes only to the API's origin and the tenant with
/// it; each attempt is sent, redirects followed, and the body read into a pooled buffer no larger than the
/// operation allows; the answer is read with the generated model readers, or turned into one of the TryVox
/// exceptions; an attempt the server did not act on is sent again after a backoff (<see cref="RetryPolicy"/>).
/// The operation's and each attempt's time limits, traces, metrics and attempt reports live here too.
/// </summary>
internal sealed class TryVoxRequestAdapter(ClientPipeline pipeline, string? tenantId) : IRequestAdapter
{
    /// <summary>How many redirects one attempt follows.</summary>
    internal const int MaxRedirects = 5;

    internal ClientPipeline Pipeline => pipeline;

    public ISerializationWriterFactory SerializationWriterFactory => JsonBody.WriterFactory;

    /// <summary>The validated <see cref="TryVoxClientOptions.BaseUrl"/>; the generated client reads it, and it cannot change.</summary>
    public string? BaseUrl
    {
        get => pipeline.BaseUrlText;
        set
        {
            if (!string.Equals(value?.TrimEnd('/'), pipeline.BaseUrlText, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The TryVox client's base URL is fixed when it is built: set TryVoxClientOptions.BaseUrl.");
            }
        }
    }

    public void EnableBackingStore(IBackingStoreFactory backingStoreFactory) =>
        throw new NotSupportedException("The TryVox client's models do not use a backing store.");

    public Task<T?> ConvertToNativeRequestAsync<T>(RequestInformation requestInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        var request = Prepare(requestInfo);
        var message = request.Message(request.Url, request.Operation.HttpMethod, attempt: 1, token: null);
        return message is T native ? Task.FromResult<T?>(native)
            : throw new InvalidOperationException($"The TryVox client's native request is an HttpRequestMessage, not a {typeof(T).Name}.");
    }

    public Task<ModelType?> SendAsync<ModelType>(
        RequestInformation requestInfo, ParsableFactory<ModelType> factory,
        Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable =>
        RunAsync(requestInfo, errorMapping, typeof(ModelType).Name, static (root, factory) => root.GetObjectValue((ParsableFactory<ModelType>)factory!), factory, cancellationToken)
            .AsTask();

    public Task<IEnumerable<ModelType>?> SendCollectionAsync<ModelType>(
        RequestInformation requestInfo, ParsableFactory<ModelType> factory,
        Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable =>
        RunAsync<IEnumerable<ModelType>>(
            requestInfo, errorMapping, null, static (root, factory) => root.GetCollectionOfObjectValues((ParsableFactory<ModelType>)factory!), factory, cancellationToken)
            .AsTask();

    public Task<ModelType?> SendPrimitiveAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        RunAsync(requestInfo, errorMapping, null, static (root, _) => PrimitiveValue.Read<ModelType>(root), null, cancellationToken).AsTask();

    public Task<IEnumerable<ModelType>?> SendPrimitiveCollectionAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        RunAsync<IEnumerable<ModelType>>(requestInfo, errorMapping, null, static (root, _) => root.GetCollectionOfPrimitiveValues<ModelType>(), null, cancellationToken).AsTask();

    public Task SendNoContentAsync(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        RunAsync<object>(requestInfo, errorMapping, null, null, null, cancellationToken).AsTask();

    /// <summary>
    /// Runs one operation. <paramref name="requiredModel"/>, when set, names the model a 2xx other than 204 must
    /// carry: a missing body is then an error, not a <c>null</c> result. <paramref name="read"/> is null when the
    /// operation returns nothing.
    /// </summary>
    /// <remarks>Its state machine comes from a pool: an operation that waits on the network allocates no box for it.</remarks>
    private ValueTask<TResult?> RunAsync<TResult>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        var request = Prepare(requestInfo);
        // A create-call with a placement key: the gate claims the key first and runs the attempts at most once.
        return requestInfo.GetRequestOption<PlacementKey>() is { } placementKey
            ? PlacementGate.RunAsync(
                placementKey,
                new PlacementRequest(this, requestInfo, request.Operation, request.Url, request.Key, request.Tenant, pipeline.Host, pipeline.Timeout, pipeline.Placement),
                read, state, (recorder, token) => AttemptsAsync(request, errorMapping, requiredModel, read, state, recorder, token), cancellationToken)
            : AttemptsAsync(request, errorMapping, requiredModel, read, state, recorder: null, cancellationToken);
    }

    /// <summary>Sends the attempts of an operation until one is final; <paramref name="recorder"/>, when set, receives the 2xx body read as its result.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult?> AttemptsAsync<TResult>(
        PreparedRequest request, Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, PlacementRecorder? recorder, CancellationToken cancellationToken)
    {
        var requestInfo = request.Info;
        var operation = request.Operation;
        // A body that cannot be read twice cannot be sent twice.
        var retry = requestInfo.Content is { CanSeek: false } ? RetryPolicy.None : requestInfo.GetRequestOption<RetryOption>()?.Policy ?? pipeline.Retry;
        var started = Stopwatch.GetTimestamp();
        var deadline = pipeline.Timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : started + (long)(pipeline.Timeout.TotalSeconds * Stopwatch.Frequency);
        using var span = TryVoxTelemetry.Source.StartActivity(operation.Name, ActivityKind.Client);
        span?.SetTag("http.request.method", operation.Method);
        span?.SetTag("url.template", operation.PathTemplate);
        span?.SetTag("server.address", pipeline.Host);
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcome = default(Outcome);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                outcome = new Outcome { Attempts = attempt };
                var attemptStarted = Stopwatch.GetTimestamp();
                var attemptLimit = AttemptLimit(deadline);
                cancellation.CancelAfter(attemptLimit);
                HttpResponseMessage? response = null;
                try
                {
                    (response, outcome.Redirects) = await SendAttemptAsync(request, attempt, cancellation.Token).ConfigureAwait(false);
                    outcome.Answered(response);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && AttemptFailure(e, operation, attempt, deadline, attemptLimit) is { } failure)
                {
                    outcome.Failed(failure.Exception, failure.TimeoutLimit);
                }
                catch (SendOnceHandler.RefusedException e)
                {
                    throw new TryVoxResendRefusedException(outcome.For(operation, outcomeUnknown: true), e.Token.LastStatus, e.Token.LastFailure);
                }

                using (response)
                {
                    if (outcome.Status is >= 200 and < 300)
                    {
                        try
                        {
                            var result = await ReadResultAsync(response!, outcome, operation, requiredModel, read, state, recorder, cancellation.Token).ConfigureAwait(false);
                            Report(span, operation, request.Key, outcome, null, attemptStarted, retryDelay: null);
                            TryVoxTelemetry.Ended(operation, pipeline.Host, request.Key, outcome.Status, null, started);
                            return result;
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested && AttemptFailure(e, operation, attempt, deadline, attemptLimit) is { } failure)
                        {
                            // The body is part of the attempt: one that stalls or is cut off after the headers fails the
                            // attempt as a failure before them would (a GET is sent again; a create-call is unknown).
                            outcome.Failed(failure.Exception, failure.TimeoutLimit);
                        }
                    }

                    // The operation's own limit elapsed: whatever its timer's precision left on the clock, there is no time for another attempt.
                    var remaining = outcome.Failure is TimeoutException && outcome.TimeoutLimit == pipeline.Timeout ? TimeSpan.Zero : Remaining(deadline);
                    var delay = retry.DelayBeforeRetry(attempt, operation.Repeatable, outcome.Status, outcome.Failure, outcome.RetryAfter, remaining);
                    Report(span, operation, request.Key, outcome, TryVoxTelemetry.ErrorType(outcome.Status, outcome.Failure), attemptStarted, delay);
                    if (delay is null)
                    {
                        throw await FailureAsync(response, outcome, operation, errorMapping, cancellationToken, cancellation.Token).ConfigureAwait(false);
                    }

                    await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
                }

                if (!cancellation.TryReset())
                {
                    cancellation.Dispose();
                    cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            Ended(span, operation, request.Key, outcome, "canceled", started);
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (Exception e) when (e is ApiException)
        {
            Ended(span, operation, request.Key, outcome, TryVoxTelemetry.ErrorType(outcome.Status, e), started);
            throw;
        }
        finally
        {
            cancellation.Dispose();
            requestInfo.Content?.Dispose();
        }
    }

    /// <summary>
    /// What an exception while an attempt was sent or its body read means for the attempt: a timeout (the attempt's
    /// limit or the operation's elapsed), a network failure, or <c>null</c> for any other exception, which is no
    /// failure of the attempt. A body cut off after the headers is a network failure like one before them.
    /// </summary>
    private (Exception Exception, TimeSpan TimeoutLimit)? AttemptFailure(Exception e, Operation operation, int attempt, long deadline, TimeSpan attemptLimit)
    {
        switch (e)
        {
            case OperationCanceledException:
                // The attempt's timer was the operation's time left (or its timer fired with the operation's): the operation timed out.
                var operationLimited = attemptLimit != pipeline.AttemptTimeout || Stopwatch.GetTimestamp() >= deadline;
                var (what, limit) = operationLimited ? ("the whole operation", pipeline.Timeout) : ("the attempt", pipeline.AttemptTimeout);
                return (new TimeoutException($"{operation.Name} timed out: {what} exceeded {limit.TotalSeconds:0.###} s (attempt {attempt}).", e), limit);
            case HttpRequestException:
                return (e, default);
            case System.Net.Sockets.SocketException socket:
                // SocketsHttpHandler lets this one through unwrapped when a new connection is reset while it connects:
                // the request was never written, so it is a connection error like a refusal.
                return (new HttpRequestException(HttpRequestError.ConnectionError, $"The connection failed before the request was sent: {socket.Message}", socket), default);
            case IOException cut:
                return (new HttpRequestException((cut as HttpIOException)?.HttpRequestError ?? HttpRequestError.Unknown, $"The response body was cut off: {cut.Message}", cut), default);
            default:
                return null;
        }
    }

    /// <summary>Sends one attempt and follows its redirects; the key and tenant go only to the API's origin over https.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(HttpResponseMessage Response, int Redirects)> SendAttemptAsync(
        PreparedRequest request, int attempt, CancellationToken cancellationToken)
    {
        // Copies of this attempt's request, made by handlers of the application's, share the token and may not be sent twice.
        var token = request.Operation.Repeatable ? null : new SendOnceHandler.Token();
        var (url, method) = (request.Url, request.Operation.HttpMethod);
        for (var redirects = 0; ; redirects++)
        {
            var response = await pipeline.SendAsync(request.Message(url, method, attempt, token), cancellationToken).ConfigureAwait(false);
            if (redirects == MaxRedirects || response.Headers.Location is not { } location
                || response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                    or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect))
            {
                return (response, redirects);
            }

            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
            {
                return (response, redirects);
            }

            response.Dispose();
            url = next;
            if (response.StatusCode == HttpStatusCode.SeeOther)
            {
                // 303: fetch the result with a GET, without the body.
                method = HttpMethod.Get;
            }
        }
    }

    /// <summary>Reads a 2xx answer's body (at most <see cref="TryVoxClientOptions.MaxResponseBytes"/>) as the operation's result.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult?> ReadResultAsync<TResult>(
        HttpResponseMessage response, Outcome outcome, Operation operation, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, PlacementRecorder? recorder, CancellationToken cancellationToken)
    {
        if (read is null || outcome.Status == (int)HttpStatusCode.NoContent)
        {
            return default;
        }

        using var body = await ResponseBody.ReadAsync(response.Content, pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (body.Truncated)
        {
            throw Unreadable(operation, outcome, $"its body is larger than TryVoxClientOptions.MaxResponseBytes ({pipeline.MaxResponseBytes:N0} bytes), so it was not read; " +
                "raise MaxResponseBytes if answers this large are expected", null);
        }

        if (typeof(TResult) == typeof(Stream))
        {
            return body.Length == 0 ? default : (TResult)(object)new MemoryStream(body.Memory.ToArray(), writable: false);
        }

        if (body.Length == 0 || !JsonBody.IsJson(response.Content.Headers))
        {
            return requiredModel is null ? default
                : throw Unreadable(operation, outcome, $"its body is empty or not JSON; a {requiredModel} was expected", null);
        }

        try
        {
            var result = JsonBody.Read(body.Memory, read, state);
            recorder?.Record(outcome.Status!.Value, body.Memory.Span);
            return result;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Unreadable(operation, outcome, $"its body is not valid JSON for {requiredModel ?? "the result"}: {e.Message}", e);
        }
    }

    /// <summary>The exception for an attempt that is final: a network failure or timeout, or an error answer read as the spec's error.</summary>
    private static async Task<Exception> FailureAsync(
        HttpResponseMessage? response, Outcome outcome, Operation operation, Dictionary<string, ParsableFactory<IParsable>>? errorMapping,
        CancellationToken callerToken, CancellationToken cancellationToken)
    {
        var outcomeUnknown = !operation.Repeatable && RetryPolicy.ServerMayHaveActed(outcome.Status, outcome.Failure);
        switch (outcome.Failure)
        {
            case TimeoutException timeout:
                return new TryVoxTimeoutException(outcome.For(operation, outcomeUnknown), timeout, outcome.TimeoutLimit);
            case HttpRequestException network:
                return new TryVoxNetworkException(outcome.For(operation, outcomeUnknown), network);
        }

        var status = outcome.Status!.Value;
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response!.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (!TryGetErrorFactory(errorMapping, status, out var factory))
        {
            return new ApiException($"The server returned an unexpected status code and no error factory is registered for this code: {status}")
            {
                ResponseStatusCode = status,
                ResponseHeaders = headers,
            };
        }

        using var body = await ReadErrorBodyAsync(response.Content, callerToken, cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var errorBody = ErrorBody.Normalize(status, response.ReasonPhrase, mediaType, body.Memory, body.Truncated, outcome.Redirects);
        IParsable? error;
        try
        {
            error = JsonBody.Read(errorBody, ReadError, factory);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // The spec's error shape, but something inside it cannot be read: surface the status with the body's start instead.
            errorBody = ErrorBody.Normalize(status, response.ReasonPhrase, mediaType, body.Memory, body.Truncated, outcome.Redirects, unreadable: true);
            error = JsonBody.Read(errorBody, ReadError, factory);
        }

        if (error is not ApiException exception)
        {
            return new ApiException($"The server returned {status} and its error body could not be read.") { ResponseStatusCode = status, ResponseHeaders = headers };
        }

        exception.ResponseStatusCode = status;
        exception.ResponseHeaders = headers;
        if (exception is TryVoxError tryVoxError)
        {
            tryVoxError.Attempts = outcome.Attempts;
            tryVoxError.RetryAfter = outcome.RetryAfter;
            tryVoxError.Operation = operation.Name;
            tryVoxError.OutcomeUnknown = outcomeUnknown;
        }

        return exception;
    }

    private static readonly Func<FastJsonParseNode, object?, IParsable?> ReadError = static (root, factory) => root.GetObjectValue((ParsableFactory<IParsable>)factory!);

    /// <summary>Up to <see cref="ErrorBody.ReadLimit"/> of an error body; one that stalls or is cut off counts as cut off, so the status still surfaces.</summary>
    private static async Task<ResponseBody> ReadErrorBodyAsync(HttpContent content, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        try
        {
            return await ResponseBody.ReadAsync(content, ErrorBody.ReadLimit, cancellationToken, keepStart: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException && !callerToken.IsCancellationRequested)
        {
            return ResponseBody.Unread;
        }
    }

    /// <summary>Kiota's lookup: the exact status, then <c>4XX</c>/<c>5XX</c>, then <c>XXX</c>.</summary>
    private static bool TryGetErrorFactory(Dictionary<string, ParsableFactory<IParsable>>? mapping, int status, [NotNullWhen(true)] out ParsableFactory<IParsable>? factory)
    {
        factory = null;
        return mapping is not null
            && (mapping.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out factory)
                || (status is >= 400 and < 500 && mapping.TryGetValue("4XX", out factory))
                || (status is >= 500 and < 600 && mapping.TryGetValue("5XX", out factory))
                || mapping.TryGetValue("XXX", out factory));
    }

    private static TryVoxInvalidResponseException Unreadable(Operation operation, Outcome outcome, string problem, Exception? cause) =>
        new(outcome.For(operation, outcomeUnknown: false), outcome.Status!.Value, problem, cause);

    /// <summary>What every attempt of an operation shares: its URL, key and tenant, checked before anything is sent.</summary>
    private PreparedRequest Prepare(RequestInformation requestInfo)
    {
        var operation = Operation.Of(requestInfo);
        var url = operation.Url(requestInfo, pipeline.BaseUrlText);
        var key = pipeline.Authentication.Credential.Key;
        // Throws for a URL off the API's origin (WithUrl) before anything is sent.
        pipeline.Authentication.AuthorizationFor(url, key);

        // A TenantOption wins over a header set through the request configuration, which wins over the client's tenant.
        var tenant = requestInfo.GetRequestOption<TenantOption>() is { } option ? option.TenantId
            : requestInfo.Headers.TryGetValue(TenantHeader.Name, out var values) ? TenantHeader.Validate(string.Join(",", values))
            : tenantId;
        return new PreparedRequest(pipeline, requestInfo, operation, url, key, tenant);
    }

    private TimeSpan AttemptLimit(long deadline)
    {
        var remaining = Remaining(deadline);
        return remaining == Timeout.InfiniteTimeSpan || (pipeline.AttemptTimeout != Timeout.InfiniteTimeSpan && pipeline.AttemptTimeout < remaining)
            ? pipeline.AttemptTimeout : remaining;
    }

    private static TimeSpan Remaining(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }

    /// <summary>An attempt ended: the span, the metrics and <see cref="TryVoxClientOptions.OnAttempt"/> hear of it.</summary>
    private void Report(Activity? span, Operation operation, TryVoxApiKey key, Outcome outcome, string? errorType, long attemptStarted, TimeSpan? retryDelay)
    {
        TryVoxTelemetry.AttemptEnded(operation, pipeline.Host, key, outcome.Status, errorType, retryDelay is not null);
        if (span is not null)
        {
            span.SetTag("tryvox.attempts", outcome.Attempts);
            span.SetTag("http.request.resend_count", outcome.Attempts - 1);
            span.SetTag("tryvox.request_id", outcome.RequestId);
            span.SetTag("http.response.status_code", outcome.Status);
            if (retryDelay is { } wait)
            {
                span.AddEvent(new ActivityEvent("tryvox.retry", tags: new ActivityTagsCollection
                {
                    ["tryvox.attempt"] = outcome.Attempts,
                    ["http.response.status_code"] = outcome.Status,
                    ["error.type"] = errorType,
                    ["tryvox.retry_delay_ms"] = wait.TotalMilliseconds,
                }));
            }
        }

        pipeline.OnAttempt?.Invoke(new TryVoxAttempt(
            operation.Method, operation.PathTemplate, outcome.Attempts, outcome.Status, Stopwatch.GetElapsedTime(attemptStarted),
            outcome.RequestId, outcome.Failure, retryDelay));
    }

    private void Ended(Activity? span, Operation operation, TryVoxApiKey key, Outcome outcome, string? errorType, long started)
    {
        span?.SetTag("error.type", errorType);
        span?.SetStatus(ActivityStatusCode.Error);
        TryVoxTelemetry.Ended(operation, pipeline.Host, key, outcome.Status, errorType, started);
    }

    /// <summary>How the latest attempt ended.</summary>
    private struct Outcome
    {
        public int Attempts { get; init; }

        public int Redirects { get; set; }

        /// <summary>The answer's status; <c>null</c> when no answer came.</summary>
        public int? Status { get; private set; }

        public string? RequestId { get; private set; }

        public TimeSpan? RetryAfter { get; private set; }

        /// <summary>What ended the attempt without a whole answer: an <see cref="HttpRequestException"/> or a <see cref="TimeoutException"/>.</summary>
        public Exception? Failure { get; private set; }

        /// <summary>The limit that elapsed, when <see cref="Failure"/> is a timeout.</summary>
        public TimeSpan TimeoutLimit { get; private set; }

        /// <summary>The attempt failed before its answer was whole (before the headers, or while the body arrived): it has no status to go by.</summary>
        public void Failed(Exception failure, TimeSpan timeoutLimit)
        {
            (Failure, TimeoutLimit, Status) = (failure, timeoutLimit, null);
        }

        public void Answered(HttpResponseMessage response)
        {
            Status = (int)response.StatusCode;
            RequestId = response.Headers.TryGetValues(WireNames.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            RetryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                // An HTTP-date is read against the response's own Date, so a skewed local clock does not matter.
                { Date: { } date } => Max(date - (response.Headers.Date ?? DateTimeOffset.UtcNow), TimeSpan.Zero),
                _ => null,
            };
        }

        public readonly OperationFailure For(Operation operation, bool outcomeUnknown) => new(operation.Name, Attempts, outcomeUnknown, RequestId);

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
