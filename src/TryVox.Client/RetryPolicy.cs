namespace TryVox.Client;

/// <summary>
/// How many times, and how long apart, a request the server did not act on is sent again. What may be re-sent is
/// fixed (see docs/errors-and-retries.md): any request answered 429 or whose connection failed before anything was
/// sent; a GET also on 408, 500, 502, 503, 504, a timed-out attempt or any other network failure. A create-call that
/// may have reached the server is never sent again.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>The most retries a policy may ask for.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>A policy that never re-sends a request.</summary>
    public static RetryPolicy None => new() { MaxRetries = 0 };

    /// <summary>Retries after the first attempt, 0 (never re-send) to <see cref="MaxRetriesLimit"/>; 3 by default.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles with each retry, with jitter. 500 ms by default.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait between attempts, 30 s by default. A <c>Retry-After</c> longer than this is not
    /// waited for: the 429 or 503 surfaces at once, with <see cref="Models.TryVoxError.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A validated copy, so later changes to this instance do not reach a client already built.</summary>
    internal RetryPolicy Validated()
    {
        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            throw new ArgumentException($"RetryPolicy.MaxRetries must be 0 to {MaxRetriesLimit}; it is {MaxRetries}.", nameof(MaxRetries));
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("RetryPolicy.BaseDelay and RetryPolicy.MaxDelay must not be negative.", nameof(BaseDelay));
        }

        return new RetryPolicy { MaxRetries = MaxRetries, BaseDelay = BaseDelay, MaxDelay = MaxDelay };
    }

    /// <summary>
    /// Exponential backoff with jitter before retry number <paramref name="retry"/> (1-based): a random wait
    /// between half and all of <c>BaseDelay × 2^(retry-1)</c>, at most <see cref="MaxDelay"/>. The jitter
    /// keeps many clients throttled together from retrying in step.
    /// </summary>
    internal TimeSpan Backoff(int retry)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>
    /// The wait before sending again after attempt <paramref name="attempt"/> ended as <paramref name="outcome"/>, or
    /// <c>null</c> when that outcome is final. <paramref name="remaining"/> is the operation's time left
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for none).
    /// </summary>
    internal TimeSpan? DelayBeforeRetry(int attempt, bool repeatable, AttemptClass outcome, TimeSpan? retryAfter, TimeSpan remaining)
    {
        if (attempt > MaxRetries || !MaySendAgain(repeatable, outcome))
        {
            return null;
        }

        var delay = Backoff(attempt);
        if (retryAfter is { } asked)
        {
            // Asked to wait longer than we are willing to: surface the answer (with RetryAfter) instead of retrying early.
            if (asked > MaxDelay)
            {
                return null;
            }

            delay = asked;
        }

        // A wait that would outlast the operation's time limit only turns this answer into a timeout.
        return remaining != Timeout.InfiniteTimeSpan && delay >= remaining ? null : delay;
    }

    /// <summary>Whether a request that is <paramref name="repeatable"/> (GET) or not (a create-call) may be sent again after <paramref name="outcome"/>.</summary>
    internal static bool MaySendAgain(bool repeatable, AttemptClass outcome) => outcome.RetryAnyMethod || (repeatable && outcome.RetryRead);
}
