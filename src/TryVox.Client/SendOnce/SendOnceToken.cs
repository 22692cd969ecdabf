namespace TryVox.Client.SendOnce;

/// <summary>One attempt's permission to reach the network, for a request that is not safe to repeat.</summary>
internal sealed class SendOnceToken
{
    private int _sends;
    private bool _mayResend;

    /// <summary>The status of the answer after which a send was refused; <c>null</c> if that send failed.</summary>
    public int? LastStatus { get; private set; }

    /// <summary>Why the send after which a send was refused failed; <c>null</c> if it was answered.</summary>
    public Exception? LastFailure { get; private set; }

    /// <exception cref="SendOnceRefusedException">The attempt was sent already, and its last send may have been acted on.</exception>
    public void Enter()
    {
        lock (this)
        {
            if (_sends > 0 && !_mayResend)
            {
                throw new SendOnceRefusedException(this);
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
            // Sending again is safe only when the server did not act: a redirect (it asks for that), a 4xx (429
            // included) or a connection that was never made.
            _mayResend = AttemptClassifier.Classify(status, failure).Server == ServerAction.NotActed;
        }
    }
}

/// <summary>A second send was refused; the client turns it into <see cref="TryVoxResendRefusedException"/>.</summary>
internal sealed class SendOnceRefusedException(SendOnceToken token) : Exception("A handler tried to send a create-call a second time; it was refused.")
{
    public SendOnceToken Token { get; } = token;
}
