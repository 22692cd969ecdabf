namespace TryVox.Client.Diagnostics;

/// <summary>
/// One attempt of one request, reported through <see cref="TryVoxClientOptions.OnAttempt"/> when it ends.
/// It carries no header, body, query or key: it is safe to log as it is.
/// </summary>
/// <param name="Method">The HTTP method, such as <c>POST</c>.</param>
/// <param name="PathTemplate">The operation's path template, such as <c>/voice/accounts/{auth_id}/calls</c> (no ids).</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
/// <param name="StatusCode">The response status, or <c>null</c> when no response arrived.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="RequestId">The response's <c>X-Request-ID</c>, when it has one.</param>
/// <param name="Exception">What failed when no response arrived (a network error, an attempt timeout).</param>
/// <param name="RetryDelay">When another attempt follows, the wait before it; otherwise <c>null</c>.</param>
public sealed record TryVoxAttempt(
    string Method,
    string PathTemplate,
    int Attempt,
    int? StatusCode,
    TimeSpan Duration,
    string? RequestId,
    Exception? Exception,
    TimeSpan? RetryDelay);
