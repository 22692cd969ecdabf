namespace TryVox.Client.Testing.Server;

/// <summary>
/// Real time for request times and rate limits, whatever <see cref="TryVoxTestServerOptions.TimeProvider"/> gives
/// <c>created_at</c>: the system clock read at the server's start, advanced by the monotonic high-resolution
/// timestamp, so the interval between two requests is exact even if the system clock is set meanwhile.
/// </summary>
internal sealed class RequestClock
{
    private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();
    private readonly long _startTimestamp = TimeProvider.System.GetTimestamp();

    public DateTimeOffset Now => _start + TimeProvider.System.GetElapsedTime(_startTimestamp);
}
