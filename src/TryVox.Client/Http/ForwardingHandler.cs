namespace TryVox.Client.Http;

/// <summary>
/// The innermost link when the caller brings the sender: their own <see cref="HttpClient"/> (its handlers, proxy
/// and default headers then apply) or primary handler. The client never disposes it.
/// </summary>
/// <remarks>
/// The message goes on as it is: the client's own sender is an invoker, not an <see cref="HttpClient"/>, so the
/// caller's HttpClient is the first to send it and accepts it.
/// </remarks>
internal sealed class ForwardingHandler(HttpMessageInvoker sender) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        sender.SendAsync(request, cancellationToken);
}
