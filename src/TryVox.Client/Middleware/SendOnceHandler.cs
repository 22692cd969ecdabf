namespace TryVox.Client.Middleware;

/// <summary>
/// The innermost handler, just before the network: a request that may act on the server (a create-call) goes out
/// at most once per attempt the client makes. A handler between the client and the network that sends it again
/// (an application's retry or resilience handler, which re-sends the message or a copy that keeps its content) is
/// refused, unless the server's last answer was a redirect, which asks for exactly that.
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
            token.Answered((int)response.StatusCode);
            return response;
        }
        catch
        {
            token.Answered(null);
            throw;
        }
    }

    /// <summary>One attempt's permission to reach the network.</summary>
    internal sealed class Token
    {
        private int _sends;
        private int? _lastStatus;
        private bool _redirected;

        /// <summary>The status of the first answer, when a second send was refused; <c>null</c> if the first send failed.</summary>
        public int? FirstStatus { get; private set; }

        public void Enter()
        {
            lock (this)
            {
                if (_sends > 0 && !_redirected)
                {
                    FirstStatus = _lastStatus;
                    throw new RefusedException(this);
                }

                _sends++;
                _redirected = false;
            }
        }

        public void Answered(int? status)
        {
            lock (this)
            {
                _lastStatus ??= status;
                _redirected = status is 301 or 302 or 303 or 307 or 308;
            }
        }
    }

    /// <summary>A second send was refused; the client turns it into <see cref="TryVoxResendRefusedException"/>.</summary>
    internal sealed class RefusedException(Token token) : Exception("A handler tried to send a create-call a second time; it was refused.")
    {
        public Token Token { get; } = token;
    }
}
