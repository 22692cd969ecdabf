namespace TryVox.Client.Diagnostics;

/// <summary>
/// What the client tells handlers about the requests it sends, in <see cref="HttpRequestMessage.Options"/> (the
/// <see cref="HttpRequestOptions"/> of each message): a handler of your own, such as a logging handler or a test
/// double, can read which attempt of its operation a request is.
/// </summary>
/// <example><code>
/// var attempt = TryVoxHttpRequestOptions.AttemptOf(request); // 1, or 2 and more for retries
/// </code></example>
public static class TryVoxHttpRequestOptions
{
    /// <summary>
    /// Which attempt of its operation a request is: 1 for the first send, 2 for the first retry, and so on, counting
    /// every send that reached the network, retries by the client and by the application's own handlers alike; a
    /// redirect continues its attempt. Set by the client's innermost handler, so handlers below it (the primary
    /// handler) see the number of the send they make; read it with <see cref="AttemptOf"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("TryVox.Attempt");

    /// <summary>1 for a first attempt, 2 for the first retry, and so on; 1 for a request the client did not send.</summary>
    public static int AttemptOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Attempt, out var attempt) ? attempt : 1;
    }
}
