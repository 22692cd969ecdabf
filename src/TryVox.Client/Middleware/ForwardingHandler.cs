namespace TryVox.Client.Middleware;

/// <summary>
/// The innermost link when the caller brings the sender: their own <see cref="HttpClient"/> (its handlers, proxy
/// and default headers then apply) or primary handler. The client never disposes it.
/// </summary>
internal sealed class ForwardingHandler(HttpMessageInvoker sender) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        sender.SendAsync(sender is HttpClient ? Copy(request) : request, cancellationToken);

    /// <summary>
    /// HttpClient refuses a message that another HttpClient (the client's own) has already sent: each goes as a
    /// copy sharing the content. The copy is not disposed, as that would dispose the content.
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
