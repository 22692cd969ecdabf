namespace TryVox.Client;

/// <summary>
/// What every failure of a TryVox operation tells, whatever went wrong: an error answer
/// (<see cref="Models.TryVoxError"/>, generated from the API's error schema) and a failure without one
/// (<see cref="TryVoxException"/>: a timeout, the network, an unreadable answer, a refused resend). Both are Kiota
/// <see cref="Microsoft.Kiota.Abstractions.ApiException"/>s, so <c>catch (ApiException e)</c> catches every failure
/// but the caller's own cancellation, and <c>e is ITryVoxFailure f</c> reads what follows.
/// </summary>
/// <example><code>
/// catch (ApiException e) when (e is ITryVoxFailure { OutcomeUnknown: true })
/// {
///     // the call may have been placed: look it up (FindAsync) before placing it again
/// }
/// </code></example>
public interface ITryVoxFailure
{
    /// <summary>The operation, such as <c>POST /voice/accounts/{auth_id}/calls</c> (no ids).</summary>
    string? Operation { get; }

    /// <summary>How many times the request was sent: 1, or more when retries, the client's or the application's handlers', preceded the failure.</summary>
    int Attempts { get; }

    /// <summary>
    /// True when the request reached the server and the failure does not tell whether the server acted on it: a
    /// create-call answered 5xx, timed out or cut off after it was sent may have placed its call. Look the call up
    /// (<c>FindAsync</c>) before placing it again. False when the server cannot have acted (429 and other 4xx
    /// answers, a refused connection) and for requests that change nothing (GET).
    /// </summary>
    bool OutcomeUnknown { get; }

    /// <summary>The last response's <c>X-Request-ID</c>, to quote to TryVox support; <c>null</c> when there was none.</summary>
    string? RequestId { get; }
}
