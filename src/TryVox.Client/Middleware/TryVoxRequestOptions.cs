namespace TryVox.Client.Middleware;

/// <summary>
/// What the client tells handlers about each attempt it sends, through <see cref="HttpRequestMessage.Options"/>:
/// a handler of your own (logging, a test double) can read which operation it is and how many times it was sent.
/// </summary>
/// <example><code>
/// if (request.Options.TryGetValue(TryVoxRequestOptions.Attempt, out var attempt) &amp;&amp; attempt > 1) { … }
/// </code></example>
public static class TryVoxRequestOptions
{
    /// <summary>The operation, such as <c>POST /voice/accounts/{auth_id}/calls</c>: method and path template, no ids.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("TryVox.Operation");

    /// <summary>1 for the first attempt, 2 for the first retry, and so on.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("TryVox.Attempt");
}
