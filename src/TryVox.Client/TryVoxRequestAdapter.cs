using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;
using TryVox.Client.Diagnostics;
using TryVox.Client.Http;
using TryVox.Client.Placement;
using TryVox.Client.Responses;
using TryVox.Client.SendOnce;
using TryVox.Client.Serialization;

namespace TryVox.Client;

/// <summary>
/// Kiota's request adapter, written for this API (CUSTOM: it replaces Kiota's <c>HttpClientRequestAdapter</c>, so it
/// decides what every generated method sends, returns and throws). One operation runs here from start to end, in
/// one loop (<see cref="RunAsync"/>) that owns the one decision that matters: whether an attempt may be sent again,
/// and what the caller is told. The mechanics are small types of their own: <see cref="PreparedRequest"/> (checks,
/// URL, key, tenant, each message), <see cref="OperationDeadline"/>, <see cref="RedirectFollower"/>,
/// <see cref="AttemptClassifier"/> and <see cref="RetryPolicy"/>, <see cref="ResultReader"/> and
/// <see cref="Failures"/>, <see cref="OperationReport"/>. See docs/architecture.md.
/// </summary>
internal sealed class TryVoxRequestAdapter(ClientSettings settings, string? tenantId) : IRequestAdapter
{
    internal ClientSettings Settings => settings;

    public ISerializationWriterFactory SerializationWriterFactory => JsonBody.WriterFactory;

    /// <summary>The validated <see cref="TryVoxClientOptions.BaseUrl"/>; the generated client reads it, and it cannot change.</summary>
    public string? BaseUrl
    {
        get => settings.BaseUrlText;
        set
        {
            if (!string.Equals(value?.TrimEnd('/'), settings.BaseUrlText, StringComparison.Ordinal))
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
        var request = PreparedRequest.Create(settings, requestInfo, tenantId);
        var message = request.Message(request.Url, request.Operation.HttpMethod, token: null, report: null);
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
    /// Runs one operation: checked and prepared before anything is sent, then its attempts, through the placement gate
    /// when it is a create-call with a <see cref="PlacementKey"/>. <paramref name="requiredModel"/>, when set, names the
    /// model a 2xx other than 204 must carry; <paramref name="read"/> is null when the operation returns nothing.
    /// </summary>
    private ValueTask<TResult?> RunAsync<TResult>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        PreparedRequest request;
        try
        {
            request = PreparedRequest.Create(settings, requestInfo, tenantId);
        }
        catch (Exception e)
        {
            // Refused before anything was sent: a faulted task, as from any other failure.
            requestInfo.Content?.Dispose();
            return ValueTask.FromException<TResult?>(e);
        }

        // No extra async layer for the common request: an error answer's exception then crosses one state machine.
        return requestInfo.GetRequestOption<PlacementKey>() is { } key
            ? PlacedAsync(key, request, errorMapping, requiredModel, read, state, cancellationToken)
            : AttemptsAsync(request, errorMapping, requiredModel, read, state, null, cancellationToken);
    }

    /// <summary>A create-call with a placement key: its attempts run at most once, inside the gate, and a repeat is answered from the record.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult?> PlacedAsync<TResult>(
        PlacementKey key, PreparedRequest request, Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, CancellationToken cancellationToken)
    {
        try
        {
            var placement = new PlacementRequest(this, request.Info, request.Operation, request.Url, request.Key, request.Tenant, settings.Host, settings.Timeout, settings.Placement);
            return await PlacementGate.RunAsync(
                key, placement, read, state, (recorder, token) => AttemptsAsync(request, errorMapping, requiredModel, read, state, recorder, token), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            request.Info.Content?.Dispose();
        }
    }

    /// <summary>
    /// The attempts of one operation: each is sent (redirects followed) within its time limit and classified; a 2xx is
    /// read as the result (and handed to <paramref name="recorder"/>, when set); any other outcome is sent again after a
    /// backoff when the retry policy allows it, or becomes the exception.
    /// </summary>
    /// <remarks>Its state machine comes from a pool: an operation that waits on the network allocates no box for it.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult?> AttemptsAsync<TResult>(
        PreparedRequest request, Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, PlacementRecorder? recorder, CancellationToken cancellationToken)
    {
        var operation = request.Operation;
        using var report = new OperationReport(operation.Name, operation.Method, operation.PathTemplate, settings.Host, request.Key, settings.OnAttempt, cancellationToken);
        var deadline = new OperationDeadline(settings.Timeout, settings.AttemptTimeout, cancellationToken);
        var outcome = default(AttemptOutcome);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                deadline.StartAttempt();
                var started = Stopwatch.GetTimestamp();
                var response = default(HttpResponseMessage);
                outcome = default;
                try
                {
                    try
                    {
                        (response, outcome.Redirects) = await RedirectFollower.SendAsync(request, operation.Repeatable ? null : new SendOnceToken(), report, deadline.Token).ConfigureAwait(false);
                        outcome.Answered(response);
                        if (outcome.Status is >= 200 and < 300)
                        {
                            var result = await FinishAsync(Take(ref response), outcome, report, request, errorMapping, requiredModel, read, state, recorder, deadline.Token).ConfigureAwait(false);
                            report.AttemptEnded(outcome.Status, outcome.RequestId, null, null, Stopwatch.GetElapsedTime(started), retryDelay: null);
                            report.Ended(outcome.Status, null);
                            return result;
                        }
                    }
                    catch (SendOnceRefusedException e)
                    {
                        throw new TryVoxResendRefusedException(Failure(operation, report, outcome, outcomeUnknown: true), e.Token.LastStatus, e.Token.LastFailure);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && AttemptFailure.Ends(e))
                    {
                        // Before the answer's headers, or while its body arrived: a GET is sent again; a create-call is unknown.
                        outcome.Failed(AttemptFailure.Describe(e, operation.Name, report.Attempts, deadline), deadline.Limit);
                    }

                    var delay = request.Retry.DelayBeforeRetry(attempt, operation.Repeatable, outcome.Class, outcome.RetryAfter, deadline.RemainingAfter(outcome.Failure));
                    report.AttemptEnded(outcome.Status, outcome.RequestId, outcome.Failure, TryVoxTelemetry.ErrorType(outcome.Status, outcome.Failure), Stopwatch.GetElapsedTime(started), delay);
                    if (delay is null && response is not null && request.Kiota.ResponseHandler is not null)
                    {
                        var handed = await FinishAsync(Take(ref response), outcome, report, request, errorMapping, requiredModel, read, state, recorder, deadline.Token).ConfigureAwait(false);
                        report.Ended(outcome.Status, null);
                        return handed;
                    }

                    if (delay is null)
                    {
                        var failure = Failure(operation, report, outcome, outcome.Class.OutcomeUnknown(operation.Repeatable));
                        throw await Failures.CreateAsync(response, outcome, failure, errorMapping, request, cancellationToken, deadline.Token).ConfigureAwait(false);
                    }

                    await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    response?.Dispose();
                }
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            report.Ended(outcome.Status, "canceled");
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (ApiException e)
        {
            report.Ended(outcome.Status, TryVoxTelemetry.ErrorType(outcome.Status, e));
            throw;
        }
        finally
        {
            deadline.Dispose();
            request.Info.Content?.Dispose();
        }
    }

    /// <summary>
    /// The result of the attempt's answer: a 2xx read by <see cref="ResultReader"/> (the response is disposed), or
    /// the final answer, whatever its status, handed to the request's Kiota <see cref="ResponseHandlerOption"/>,
    /// which then owns the response.
    /// </summary>
    private async ValueTask<TResult?> FinishAsync<TResult>(
        HttpResponseMessage response, AttemptOutcome outcome, OperationReport report, PreparedRequest request,
        Dictionary<string, ParsableFactory<IParsable>>? errorMapping, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, PlacementRecorder? recorder, CancellationToken cancellationToken)
    {
        if (request.Kiota.ResponseHandler is { } handler)
        {
            return await handler.HandleResponseAsync<HttpResponseMessage, TResult>(response, errorMapping).ConfigureAwait(false);
        }

        using (response)
        {
            var failure = Failure(request.Operation, report, outcome, outcomeUnknown: false);
            return await ResultReader.ReadAsync(response, settings.MaxResponseBytes, failure, requiredModel, read, state, recorder, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hands the response on: whoever takes it disposes it (or, a response handler, keeps it).</summary>
    private static HttpResponseMessage Take(ref HttpResponseMessage? response)
    {
        var taken = response!;
        response = null;
        return taken;
    }

    private static OperationFailure Failure(Operation operation, OperationReport report, AttemptOutcome outcome, bool outcomeUnknown) =>
        new(operation.Name, Math.Max(report.Attempts, 1), outcomeUnknown, outcome.RequestId);
}
