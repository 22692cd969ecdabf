using System.Net;

namespace TryVox.Client.SendOnce;

/// <summary>
/// A request body sent from the start by each message that carries it: the JSON a request builder wrote, in
/// Kiota's pooled stream, which the request information owns and disposes (this content never does). Each
/// attempt and redirect gets its own content over the same stream, so a handler that disposes a message harms no
/// other. Not a <see cref="StreamContent"/>, which handlers that copy requests for their own retries refuse.
/// </summary>
internal sealed class RequestContent(Stream body, SendOnceToken? token) : HttpContent
{
    /// <summary>
    /// The attempt's permission to reach the network, for a request that is not safe to repeat. It travels with the
    /// content because handlers that copy a request for their own retries keep its content.
    /// </summary>
    public SendOnceToken? Token { get; } = token;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        body.Position = 0;
        return body.CopyToAsync(stream, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
