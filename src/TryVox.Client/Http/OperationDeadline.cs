using System.Diagnostics;

namespace TryVox.Client.Http;

/// <summary>
/// An operation's time limits: <see cref="TryVoxClientOptions.Timeout"/> for the whole, and
/// <see cref="TryVoxClientOptions.AttemptTimeout"/> for each attempt. Which of them ends an attempt is decided when
/// the attempt starts (the shorter of the attempt's limit and the operation's time left) and recorded, so a timeout
/// names the limit that ended it. A struct: it lives in the operation's pooled state machine, not on the heap.
/// </summary>
internal struct OperationDeadline : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _attemptTimeout;
    private readonly long _deadline;
    private readonly CancellationToken _caller;
    private CancellationTokenSource _attempt;
    private bool _started;

    public OperationDeadline(TimeSpan timeout, TimeSpan attemptTimeout, CancellationToken caller)
    {
        (_timeout, _attemptTimeout, _caller) = (timeout, attemptTimeout, caller);
        _deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _attempt = CancellationTokenSource.CreateLinkedTokenSource(caller);
    }

    /// <summary>Whether the operation's own limit, not the attempt's, bounds the current attempt.</summary>
    public bool OperationBound { get; private set; }

    /// <summary>The limit that bounds the current attempt, as a timeout names it.</summary>
    public readonly TimeSpan Limit => OperationBound ? _timeout : _attemptTimeout;

    /// <summary>The current attempt's token: cancelled by the caller, or when its limit elapses.</summary>
    public readonly CancellationToken Token => _attempt.Token;

    /// <summary>Starts the next attempt's clock.</summary>
    public void StartAttempt()
    {
        if (_started && !_attempt.TryReset())
        {
            _attempt.Dispose();
            _attempt = CancellationTokenSource.CreateLinkedTokenSource(_caller);
        }

        _started = true;
        var remaining = Remaining();
        OperationBound = remaining != Timeout.InfiniteTimeSpan && (_attemptTimeout == Timeout.InfiniteTimeSpan || remaining <= _attemptTimeout);
        _attempt.CancelAfter(OperationBound ? remaining : _attemptTimeout);
    }

    /// <summary>
    /// The operation's time left, <see cref="Timeout.InfiniteTimeSpan"/> without a limit; zero once an attempt bound
    /// by it timed out, whatever its timer's precision left on the clock.
    /// </summary>
    public readonly TimeSpan RemainingAfter(Exception? failure) =>
        failure is TimeoutException && OperationBound ? TimeSpan.Zero : Remaining();

    public readonly void Dispose() => _attempt.Dispose();

    private readonly TimeSpan Remaining()
    {
        if (_deadline == long.MaxValue)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }
}
