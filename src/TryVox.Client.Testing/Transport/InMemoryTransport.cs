using System.Net.Sockets;

namespace TryVox.Client.Testing.Transport;

/// <summary>
/// Sends requests to the in-memory server (TestHost's handler) and makes a dropped connection and a
/// cancelled request fail as they do on a socket, so the client's pipeline (which tells a timeout from a
/// network failure, and a failure before sending from one after) behaves as it would over the network.
/// </summary>
internal sealed class InMemoryTransport(HttpMessageHandler testServer) : DelegatingHandler(testServer)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // SocketsHttpHandler: always a TaskCanceledException carrying the token, over the aborted socket read.
            // TestHost: an OperationCanceledException, or an HttpRequestException while it still copies the request body.
            throw new TaskCanceledException("The operation was canceled.", TransportFailure(SocketError.OperationAborted), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Not the caller's cancellation: the server aborted the request, which only a dropped-connection fault does.
            // Kestrel answers HttpContext.Abort() with a TCP reset, which SocketsHttpHandler reports as this.
            throw new HttpRequestException(HttpRequestError.Unknown, "An error occurred while sending the request.", TransportFailure(SocketError.ConnectionReset));
        }
    }

    private static IOException TransportFailure(SocketError error)
    {
        var socket = new SocketException((int)error);
        return new IOException($"Unable to read data from the transport connection: {socket.Message}.", socket);
    }
}
