using System.Net;

namespace TryVox.Client;

/// <summary>What a request's send tells about the server: whether it acted on the request.</summary>
internal enum ServerAction
{
    /// <summary>It did not act: a redirect, a 4xx answer (429 included), or a connection that was never made.</summary>
    NotActed,

    /// <summary>It may have acted: a 5xx answer, a timeout, or a network failure after the request was sent.</summary>
    MayHaveActed,

    /// <summary>It acted: a 2xx answer.</summary>
    Acted,
}

/// <summary>
/// How one send of a request ended, read once: what the server did (<see cref="Server"/>), and whether sending it
/// again may help, for any request (<see cref="RetryAnyMethod"/>) or only for one that is safe to repeat
/// (<see cref="RetryRead"/>).
/// </summary>
internal readonly record struct AttemptClass(ServerAction Server, bool RetryAnyMethod, bool RetryRead)
{
    /// <summary>Whether a request that acts on the server (a create-call) may be unresolved: it reached the server, which may have acted.</summary>
    public bool OutcomeUnknown(bool repeatable) => !repeatable && Server == ServerAction.MayHaveActed;
}

/// <summary>
/// The one rule for what an answer or a failure means. The retry policy, the send-once guard and
/// <c>OutcomeUnknown</c> all read it here (see docs/errors-and-retries.md for the table):
/// <list type="table">
/// <item><term>2xx</term><description>acted; final</description></item>
/// <item><term>3xx</term><description>not acted (a redirect asks for the request again); final when not followed</description></item>
/// <item><term>408</term><description>not acted; a read is sent again</description></item>
/// <item><term>429</term><description>not acted; any request is sent again</description></item>
/// <item><term>other 4xx</term><description>not acted; final</description></item>
/// <item><term>500, 502, 503, 504</term><description>may have acted; a read is sent again</description></item>
/// <item><term>other 5xx</term><description>may have acted; final</description></item>
/// <item><term>connection never made</term><description>not acted; any request is sent again</description></item>
/// <item><term>timeout, other network failure</term><description>may have acted; a read is sent again</description></item>
/// </list>
/// </summary>
internal static class AttemptClassifier
{
    private static readonly AttemptClass Acted = new(ServerAction.Acted, false, false);
    private static readonly AttemptClass Refused = new(ServerAction.NotActed, false, false);
    private static readonly AttemptClass TryAgain = new(ServerAction.NotActed, true, true);
    private static readonly AttemptClass ReadAgain = new(ServerAction.NotActed, false, true);
    private static readonly AttemptClass MayHaveActed = new(ServerAction.MayHaveActed, false, false);
    private static readonly AttemptClass MayHaveActedReadAgain = new(ServerAction.MayHaveActed, false, true);

    /// <summary>An answer with <paramref name="status"/>, or a failure without one (<paramref name="status"/> null).</summary>
    public static AttemptClass Classify(int? status, Exception? failure) => status switch
    {
        < 300 => Acted,
        (int)HttpStatusCode.TooManyRequests => TryAgain,
        (int)HttpStatusCode.RequestTimeout => ReadAgain,
        < 500 => Refused,
        (int)HttpStatusCode.InternalServerError or (int)HttpStatusCode.BadGateway
            or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout => MayHaveActedReadAgain,
        not null => MayHaveActed,
        null => NeverConnected(failure) ? TryAgain : MayHaveActedReadAgain,
    };

    /// <summary>
    /// No connection was made, so nothing was sent: SocketsHttpHandler reports these two errors only then. Every
    /// other failure (a reset or dropped connection, a timeout) may have followed the request onto the wire.
    /// </summary>
    private static bool NeverConnected(Exception? failure) =>
        failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
