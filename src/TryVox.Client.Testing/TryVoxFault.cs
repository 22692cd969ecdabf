using System.Globalization;

namespace TryVox.Client.Testing;

/// <summary>
/// A fault the server injects into a request, scheduled with <see cref="TryVoxFaults"/>: an error status,
/// a delay, a dropped connection before or after the server acted, or a malformed success body.
/// On loopback a dropped connection is a real TCP reset; in memory the client gets the same exception
/// a reset gives (<see cref="HttpRequestException"/> over an <see cref="IOException"/> over a
/// <see cref="System.Net.Sockets.SocketException"/>).
/// </summary>
/// <example><code>
/// server.Faults.Next(TryVoxFault.Status(503));
/// server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.DropConnectionAfterActing(), times: 1);
/// server.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.Zero).After(TimeSpan.FromMilliseconds(50)));
/// </code></example>
public sealed class TryVoxFault
{
    private TryVoxFault(TryVoxFaultKind kind, int? statusCode = null, TimeSpan? retryAfter = null, TimeSpan delay = default)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Delay = delay;
    }

    /// <summary>What the server does.</summary>
    public TryVoxFaultKind Kind { get; }

    /// <summary>The status of a <see cref="TryVoxFaultKind.Status"/> fault.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>Retry-After</c> sent with a <see cref="TryVoxFaultKind.Status"/> fault, in whole seconds (rounded up).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How long the server waits before doing anything else (real time, so the client's timeouts see it).</summary>
    public TimeSpan Delay { get; }

    /// <summary>
    /// Answers <paramref name="statusCode"/> (400–599) with the spec's error body, without acting on the
    /// request: nothing is placed. The code is the one the spec documents (<c>RATE_LIMITED</c> for 429,
    /// <c>INTERNAL_ERROR</c> for 5xx, …).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not an error status, or <paramref name="retryAfter"/> is negative.</exception>
    public static TryVoxFault Status(int statusCode, TimeSpan? retryAfter = null)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode,
                "An injected status must be an error status, 400 to 599; use TryVoxFault.MalformedBody() for a broken success.");
        }

        if (retryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, "Retry-After must not be negative; TimeSpan.Zero asks for an immediate retry.");
        }

        return new(TryVoxFaultKind.Status, statusCode, retryAfter);
    }

    /// <summary>Waits <paramref name="delay"/>, then answers the request as usual.</summary>
    public static TryVoxFault Slow(TimeSpan delay) => new TryVoxFault(TryVoxFaultKind.Slow).After(delay);

    /// <summary>Drops the connection before the server acts: nothing is placed, and the client gets no response.</summary>
    public static TryVoxFault DropConnectionBeforeActing() => new(TryVoxFaultKind.DropConnectionBeforeActing);

    /// <summary>
    /// The server acts on the request (a create-call places its call, and <see cref="TryVoxTestServer.PlacedCalls"/>
    /// shows it), then drops the connection instead of answering.
    /// </summary>
    public static TryVoxFault DropConnectionAfterActing() => new(TryVoxFaultKind.DropConnectionAfterActing);

    /// <summary>
    /// The server acts on the request; a 2xx answer is then sent with its JSON cut in half (an error answer,
    /// such as a 400 for an invalid request, is sent unchanged).
    /// </summary>
    public static TryVoxFault MalformedBody() => new(TryVoxFaultKind.MalformedBody);

    /// <summary>This fault, after the server waits <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public TryVoxFault After(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(Kind, StatusCode, RetryAfter, delay);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var what = Kind switch
        {
            TryVoxFaultKind.Status when RetryAfter is { } retryAfter =>
                $"status {StatusCode} with Retry-After: {RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture)}",
            TryVoxFaultKind.Status => $"status {StatusCode}",
            _ => Kind.ToString(),
        };
        return Delay > TimeSpan.Zero ? $"{what} after {Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms" : what;
    }

    internal static long RetryAfterSeconds(TimeSpan retryAfter) => (long)Math.Ceiling(retryAfter.TotalSeconds);
}
