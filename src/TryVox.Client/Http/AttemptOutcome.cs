namespace TryVox.Client.Http;

/// <summary>How an attempt ended: with an answer (its status and headers' meaning), or with a failure before it was whole.</summary>
internal struct AttemptOutcome
{
    /// <summary>The answer's status; <c>null</c> when no whole answer came.</summary>
    public int? Status { get; private set; }

    public string? RequestId { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>What ended the attempt without a whole answer: an <see cref="HttpRequestException"/> or a <see cref="TimeoutException"/>.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The limit that elapsed, when <see cref="Failure"/> is a timeout.</summary>
    public TimeSpan TimeoutLimit { get; private set; }

    /// <summary>The redirects the attempt followed, and why it stopped following when its answer is a redirect.</summary>
    public Redirects Redirects { get; set; }

    /// <summary>What the outcome means for sending again and for the server's side (<see cref="AttemptClassifier"/>).</summary>
    public readonly AttemptClass Class => AttemptClassifier.Classify(Status, Failure);

    /// <summary>The attempt failed before its answer was whole (before the headers, or while the body arrived): it has no status to go by.</summary>
    public void Failed(Exception failure, TimeSpan timeoutLimit) => (Failure, TimeoutLimit, Status) = (failure, timeoutLimit, null);

    public void Answered(HttpResponseMessage response)
    {
        Status = (int)response.StatusCode;
        RequestId = response.Headers.TryGetValues(WireNames.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        RetryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            // An HTTP-date is read against the response's own Date, so a skewed local clock does not matter.
            { Date: { } date } => Max(date - (response.Headers.Date ?? DateTimeOffset.UtcNow), TimeSpan.Zero),
            _ => null,
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
