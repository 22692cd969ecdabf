namespace TryVox.Client.Middleware;

/// <summary>
/// What the client tells handlers about the requests it sends: a handler of your own (logging, a test double) can
/// read how many times a request has been sent.
/// </summary>
/// <example><code>
/// var attempt = TryVoxRequestOptions.AttemptOf(request); // 1, or 2 and more for retries
/// </code></example>
public static class TryVoxRequestOptions
{
    /// <summary>
    /// The attempt number of a retry (2 for the first retry, and so on), in <see cref="HttpRequestMessage.Options"/>.
    /// A first attempt carries no options at all, which keeps the common request free of them: read it with
    /// <see cref="AttemptOf"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("TryVox.Attempt");

    /// <summary>1 for a first attempt, 2 for the first retry, and so on.</summary>
    public static int AttemptOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Attempt, out var attempt) ? attempt : 1;
    }
}
