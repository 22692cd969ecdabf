namespace TryVox.Client.Middleware;

/// <summary>
/// The innermost handler when the caller brings an <see cref="HttpClient"/>: each attempt is sent with it,
/// so its handlers, proxy and default headers apply behind the TryVox handlers.
/// </summary>
internal sealed class HttpClientForwardingHandler(HttpClient client) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        client.SendAsync(Copy(request), cancellationToken);

    /// <summary>
    /// HttpClient refuses to send one message twice, and a retry is a second send: each attempt goes as a copy
    /// sharing the content (seekable, so it can be read again). The copy is not disposed, as that would dispose the content.
    /// </summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = request.Content,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }
}
