namespace TryVox.Client.Http;

/// <summary>
/// What an exception while an attempt was sent, or its body read, means for the attempt: it timed out, or the
/// network failed. Any other exception is no failure of the attempt and goes to the caller as it is.
/// </summary>
internal static class AttemptFailure
{
    /// <summary>Whether <paramref name="e"/> ended the attempt (a timeout or a network failure) rather than the operation.</summary>
    public static bool Ends(Exception e) => e is OperationCanceledException or HttpRequestException or System.Net.Sockets.SocketException or IOException;

    /// <summary>
    /// The attempt's failure, as the retry policy and the exceptions read it: a <see cref="TimeoutException"/> naming
    /// the limit that elapsed, or an <see cref="HttpRequestException"/>. A body cut off after the headers is a network
    /// failure like one before them.
    /// </summary>
    public static Exception Describe(Exception e, string operation, int attempt, in OperationDeadline deadline) => e switch
    {
        OperationCanceledException => new TimeoutException(
            $"{operation} timed out: {(deadline.OperationBound ? "the whole operation" : "the attempt")} exceeded {deadline.Limit.TotalSeconds:0.###} s (attempt {attempt}).", e),
        HttpRequestException => e,
        // SocketsHttpHandler lets this one through unwrapped when a new connection is reset while it connects: the
        // request was never written, so it is a connection error like a refusal.
        System.Net.Sockets.SocketException socket => new HttpRequestException(HttpRequestError.ConnectionError, $"The connection failed before the request was sent: {socket.Message}", socket),
        _ => new HttpRequestException((e as HttpIOException)?.HttpRequestError ?? HttpRequestError.Unknown, $"The response body was cut off: {e.Message}", e),
    };
}
