namespace TryVox.Client.Testing;

/// <summary>
/// A request the server received, and what it did with it. Headers are not kept, so the API key never
/// appears in a recording.
/// </summary>
public sealed record RecordedRequest
{
    /// <summary>The spec's operationId (a <see cref="TryVoxOperation"/>), or null for a path that is no operation.</summary>
    public required string? Operation { get; init; }

    /// <summary>
    /// When the server received the request (its body included), in real time whatever
    /// <see cref="TryVoxTestServerOptions.TimeProvider"/> says: the system clock at the server's start advanced by the
    /// monotonic high-resolution timestamp, so the interval between two requests is exact. For a request that rate
    /// limits apply to, it is the instant the limits admitted or refused it, so no one-second window of these times
    /// holds more admitted requests than a limit allows.
    /// </summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The path and query as received, such as <c>/v1/voice/accounts/AC123456/calls</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The <c>X-Tenant-ID</c> header as received; null when none was sent.</summary>
    public required string? TenantId { get; init; }

    /// <summary>The request body as UTF-8 text; empty when there was none.</summary>
    public required string Body { get; init; }

    /// <summary>
    /// Which attempt of the client's operation this was (1 for the first send, 2 for the first retry, …), as
    /// the clients and handlers of <see cref="TryVoxTestServer"/> report it; null for a request sent otherwise.
    /// </summary>
    public required int? Attempt { get; init; }

    /// <summary>The status answered; null when no answer was sent (the connection was dropped, or the client gave up first).</summary>
    public required int? StatusCode { get; init; }

    /// <summary>The body answered, as sent (truncated for <see cref="TryVoxFaultKind.MalformedBody"/>); null when no answer was sent.</summary>
    public required string? ResponseBody { get; init; }

    /// <summary>The fault injected into this request; null when it was answered as usual.</summary>
    public required TryVoxFault? Fault { get; init; }

    /// <summary>The id of the call this request placed; null when it placed none.</summary>
    public required string? PlacedCallId { get; init; }
}
