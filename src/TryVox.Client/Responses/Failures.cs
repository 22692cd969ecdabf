using System.Diagnostics.CodeAnalysis;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using System.Text.Json;
using TryVox.Client.Http;
using TryVox.Client.Models;
using TryVox.Client.Serialization;

namespace TryVox.Client.Responses;

/// <summary>
/// The exception for an attempt that is final: a timeout or a network failure as a <see cref="TryVoxException"/>,
/// an error answer as the error model its status maps to (<see cref="TryVoxError"/> for the spec's every status).
/// </summary>
internal static class Failures
{
    public static async Task<Exception> CreateAsync(
        HttpResponseMessage? response, AttemptOutcome outcome, OperationFailure failure, Dictionary<string, ParsableFactory<IParsable>>? errorMapping,
        PreparedRequest request, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        switch (outcome.Failure)
        {
            case TimeoutException timeout:
                return new TryVoxTimeoutException(failure, timeout, outcome.TimeoutLimit);
            case HttpRequestException network:
                return new TryVoxNetworkException(failure, network);
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
        var redirect = $"after {outcome.Redirects.Followed} redirect(s); " +
            (outcome.Redirects.NotFollowedBecause ?? "it is no redirect the client follows (301, 302, 303, 307 or 308 with a Location)");
        var standIn = ErrorBody.StandIn(status, response.ReasonPhrase, mediaType, body, redirect);
        IParsable? error;
        try
        {
            // A mapped model of another shape than TryVoxError's reads the body itself.
            error = standIn is { } replacement ? Replaced(factory, replacement) ?? ReadAs(factory, body, mediaType) : JsonBody.Read(body.Text, ReadError, factory);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // The spec's error shape, but something inside it cannot be read: surface the status with the body's start instead.
            error = Replaced(factory, ErrorBody.StandIn(status, response.ReasonPhrase, mediaType, body, redirect, unreadable: true)!.Value);
        }

        if (error is not ApiException exception)
        {
            return new ApiException($"The server returned an unexpected status code and the error registered for this code failed to deserialize: {status}") { ResponseStatusCode = status, ResponseHeaders = headers };
        }

        exception.ResponseStatusCode = status;
        exception.ResponseHeaders = headers;
        if (exception is TryVoxError tryVoxError)
        {
            tryVoxError.Attempts = failure.Attempts;
            tryVoxError.RetryAfter = outcome.RetryAfter;
            tryVoxError.Operation = failure.Operation;
            tryVoxError.OutcomeUnknown = failure.OutcomeUnknown;
        }

        return exception;
    }

    private static readonly Func<FastJsonParseNode, object?, IParsable?> ReadError = static (root, factory) => root.GetObjectValue((ParsableFactory<IParsable>)factory!);

    /// <summary>The mapped error, made by its factory and given the stand-in's code, message and raw body; null for a model that is no <see cref="TryVoxError"/>.</summary>
    private static TryVoxError? Replaced(ParsableFactory<IParsable> factory, StandInError standIn)
    {
        if (factory(default(FastJsonParseNode)) is not TryVoxError error)
        {
            return null;
        }

        error.Error = new TryVoxErrorDetail { Code = standIn.Code, Message = standIn.Message };
        error.RawBody = standIn.RawBody;
        return error;
    }

    private static IParsable? ReadAs(ParsableFactory<IParsable> factory, ResponseBody body, string? mediaType) =>
        body.Length > 0 && !body.Truncated && JsonBody.IsJson(mediaType) ? JsonBody.Read(body.Text, ReadError, factory) : null;

    /// <summary>Up to <see cref="ErrorBody.ReadLimit"/> of an error body; one that stalls or is cut off counts as cut off, so the status still surfaces.</summary>
    private static async Task<ResponseBody> ReadErrorBodyAsync(HttpContent content, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        try
        {
            return await ResponseBody.ReadAsync(content, ErrorBody.ReadLimit, cancellationToken, keepStart: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or InvalidDataException && !callerToken.IsCancellationRequested)
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
}
