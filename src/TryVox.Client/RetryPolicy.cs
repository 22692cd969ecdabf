namespace TryVox.Client;

/// <summary>
/// How many times, and how long apart, a request the server did not act on is sent again. What may be
/// re-sent is fixed (see docs/errors-and-retries.md): a GET on 408, 429, 500, 502, 503, 504, a timed-out
/// attempt or a network failure; a POST only on 429 or when the connection failed before anything was sent.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>The most retries a policy may ask for.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>A policy that never re-sends a request.</summary>
    public static RetryPolicy None => new() { Enabled = false };

    /// <summary>Whether requests are retried at all. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retries after the first attempt, 0 to <see cref="MaxRetriesLimit"/>; 3 by default.</summary>
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

        return new RetryPolicy { Enabled = Enabled, MaxRetries = MaxRetries, BaseDelay = BaseDelay, MaxDelay = MaxDelay };
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
}
