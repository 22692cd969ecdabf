namespace TryVox.Client.Middleware;

/// <summary>
/// The innermost handler, just before the network: a request that may act on the server (a create-call) goes out
/// at most once per attempt the client makes. A handler between the client and the network that sends it again
/// (an application's retry or resilience handler, which re-sends the message or a copy that keeps its content) is
/// refused, unless the last send shows that the server did not act: a redirect, which asks for exactly that, a 4xx
/// such as 429, or a connection that was never made.
/// </summary>
internal sealed class SendOnceHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Content is Http.RequestContent { Token: { } token } ? SendOnceAsync(request, token, cancellationToken) : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, Token token, CancellationToken cancellationToken)
    {
        token.Enter();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            token.Answered((int)response.StatusCode, null);
            return response;
        }
        catch (Exception e)
        {
            token.Answered(null, e);
            throw;
        }
    }

    /// <summary>One attempt's permission to reach the network.</summary>
    internal sealed class Token
    {
        private int _sends;
        private bool _mayResend;

        /// <summary>The status of the answer after which a send was refused; <c>null</c> if that send failed.</summary>
        public int? LastStatus { get; private set; }

        /// <summary>Why the send after which a send was refused failed; <c>null</c> if it was answered.</summary>
        public Exception? LastFailure { get; private set; }

        public void Enter()
        {
            lock (this)
            {
                if (_sends > 0 && !_mayResend)
                {
                    throw new RefusedException(this);
                }

                _sends++;
                _mayResend = false;
            }
        }

        public void Answered(int? status, Exception? failure)
        {
            lock (this)
            {
                (LastStatus, LastFailure) = (status, failure);
                // Sending again is safe after a redirect (it asks for that), a 4xx (429 included: the server did not
                // act) or a connection that was never made; never after a 2xx, a 5xx or a failure after sending.
                _mayResend = status is >= 300 and < 500 || (status is null && !RetryPolicy.ServerMayHaveActed(null, failure));
            }
        }
    }

    /// <summary>A second send was refused; the client turns it into <see cref="TryVoxResendRefusedException"/>.</summary>
    internal sealed class RefusedException(Token token) : Exception("A handler tried to send a create-call a second time; it was refused.")
    {
        public Token Token { get; } = token;
    }
}
