namespace TryVox.Benchmarks.Layers;

/// <summary>
/// Wraps the transport and notes the thread's allocation counter as a request reaches it and as its answer leaves
/// it: an operation's bytes then split into the request side (before the transport), the transport's own and the
/// response side (after it), without touching the client. Allocates nothing itself.
/// </summary>
public sealed class AllocationProbe(HttpMessageHandler transport) : DelegatingHandler(transport)
{
    /// <summary>The counter when the latest request reached the transport.</summary>
    public long Entered { get; private set; }

    /// <summary>The counter when the transport handed back its answer.</summary>
    public long Left { get; private set; }

    /// <summary>Request side, transport and response side of the run between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public long[] Split(long before, long after) => [Entered - before, Left - Entered, after - Left];

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Entered = GC.GetAllocatedBytesForCurrentThread();
        var answer = base.SendAsync(request, cancellationToken); // the in-memory transport has answered when this returns
        Left = GC.GetAllocatedBytesForCurrentThread();
        return answer;
    }
}
