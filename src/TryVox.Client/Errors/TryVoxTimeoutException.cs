namespace TryVox.Client.Models;

/// <summary>
/// A request ran out of time: one attempt exceeded <see cref="TryVoxClientOptions.AttemptTimeout"/> and
/// could not be retried, or the whole operation exceeded <see cref="TryVoxClientOptions.Timeout"/>. The
/// caller's own cancellation is never reported this way: it stays an <see cref="OperationCanceledException"/>
/// carrying the caller's token. A timed-out POST may or may not have placed its call.
/// </summary>
public sealed class TryVoxTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxTimeoutException(string operation, string what, TimeSpan timeout, int attempts, Exception innerException)
        : base($"{operation} timed out: {what} exceeded {timeout.TotalSeconds:0.###} s (attempt {attempts}).", innerException)
    {
        Timeout = timeout;
        Attempts = attempts;
    }

    /// <summary>The limit that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; internal set; }
}
