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

    /// <summary>One attempt's permission to reach the network: taken once, given back only by a redirect.</summary>
    internal sealed class Token
    {
        private const int Unsent = 0;
        private const int Sent = 1;
        private const int Redirected = 2;

        private int _state;
        private int _firstStatus;

        /// <summary>The status of the first answer, when a second send was refused; <c>null</c> if the first send failed.</summary>
        public int? FirstStatus => Volatile.Read(ref _firstStatus) is > 0 and var status ? status : null;

        public void Enter()
        {
            // Copies sent at once (a hedging handler) race here: one of them goes.
            if (Interlocked.Exchange(ref _state, Sent) == Sent)
            {
                throw new RefusedException(this);
            }
        }

        public void Answered(int? status)
        {
            Interlocked.CompareExchange(ref _firstStatus, status ?? -1, 0);
            Volatile.Write(ref _state, status is 301 or 302 or 303 or 307 or 308 ? Redirected : Sent);
        }
    }

    /// <summary>A second send was refused; the client turns it into <see cref="TryVoxResendRefusedException"/>.</summary>
    internal sealed class RefusedException(Token token) : Exception("A handler tried to send a create-call a second time; it was refused.")
    {
        public Token Token { get; } = token;
    }
}
