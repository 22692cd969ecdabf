using System.Diagnostics;
using System.Diagnostics.Metrics;
using TryVox.Client.Authentication;

namespace TryVox.Client.Diagnostics;

/// <summary>
/// The client's traces and metrics, both named <c>TryVox.Client</c> (<see cref="Name"/>), following OpenTelemetry's
/// HTTP-client conventions: a span per operation, and per operation a request count and a duration, plus counts of
/// requests sent over the network, of retries and of rate-limited (429) answers, as the innermost handler saw them, and
/// of placement keys. Every measurement is tagged with the operation, the status code or <c>error.type</c>, and the
/// key's environment and hint (its last four characters, as the TryVox Dashboard shows them): never the key itself.
/// See docs/monitoring.md.
/// </summary>
public static class TryVoxTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string Name = "TryVox.Client";

    /// <summary>Operations that ended, successful or not (<c>{request}</c>).</summary>
    public const string RequestsInstrument = "tryvox.client.requests";

    /// <summary>How long operations took, retries and the waits between them included (seconds).</summary>
    public const string DurationInstrument = "tryvox.client.request.duration";

    /// <summary>Attempts sent again after an answer or failure the server did not act on (<c>{retry}</c>).</summary>
    public const string RetriesInstrument = "tryvox.client.retries";

    /// <summary>429 answers: the key is over its rate limit (<c>{response}</c>).</summary>
    public const string RateLimitedInstrument = "tryvox.client.rate_limited";

    /// <summary>Requests sent over the network, one per send: retries and redirects by the client, and resends by the application's handlers, included (<c>{request}</c>).</summary>
    public const string AttemptsInstrument = "tryvox.client.attempts";

    /// <summary>Placement keys claimed: the request held the key and sent the create-call (<c>{claim}</c>). See docs/placement-keys.md.</summary>
    public const string PlacementClaimsInstrument = "tryvox.client.placement.claims";

    /// <summary>Requests answered with a placement key's recorded call, nothing sent (<c>{replay}</c>).</summary>
    public const string PlacementReplaysInstrument = "tryvox.client.placement.replays";

    /// <summary>Requests refused because their placement key was first used with another body (<c>{conflict}</c>).</summary>
    public const string PlacementConflictsInstrument = "tryvox.client.placement.conflicts";

    /// <summary>Requests that waited for another placement of their key in flight (<c>{wait}</c>).</summary>
    public const string PlacementWaitsInstrument = "tryvox.client.placement.waits";

    /// <summary>Requests that left or found their placement key's outcome unknown, tagged with <c>tryvox.placement.reason</c> (<c>{key}</c>).</summary>
    public const string PlacementUnresolvedInstrument = "tryvox.client.placement.unresolved";

    /// <summary>Requests not sent because the placement ledger failed (<c>{failure}</c>).</summary>
    public const string PlacementLedgerFailuresInstrument = "tryvox.client.placement.ledger_failures";

    internal static readonly ActivitySource Source = new(Name, SdkVersion.Value);

    internal static readonly Meter Meter = new(Name, SdkVersion.Value);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsInstrument, "{request}", "TryVox operations that ended.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram(
        DurationInstrument, "s", "How long TryVox operations took, retries included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30] });

    internal static readonly Counter<long> Attempts = Meter.CreateCounter<long>(AttemptsInstrument, "{request}", "TryVox requests sent over the network, every retry and resend included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "TryVox attempts sent again.");

    internal static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(RateLimitedInstrument, "{response}", "TryVox answers 429 Too Many Requests.");

    /// <summary>
    /// <c>error.type</c> as OpenTelemetry's HTTP conventions spell it: the status code of an error answer, or a
    /// short name of what failed without one.
    /// </summary>
    internal static string? ErrorType(int? status, Exception? failure) => failure switch
    {
        null => status is >= 400 ? StatusText(status.Value) : null,
        TryVoxTimeoutException or TimeoutException => "timeout",
        TryVoxResendRefusedException => "resend_refused",
        TryVoxInvalidResponseException => "invalid_response",
        HttpRequestException { HttpRequestError: var error } => ErrorText(error),
        TryVoxNetworkException { HttpRequestError: var error } => ErrorText(error),
        OperationCanceledException => "canceled",
        // An error answer (TryVoxError) is its status, as for the attempt that got it.
        Microsoft.Kiota.Abstractions.ApiException { ResponseStatusCode: >= 400 and var code } => StatusText(code),
        _ => failure.GetType().FullName,
    };

    /// <summary>What every measurement of an operation is tagged with: never the key, only its environment and hint.</summary>
    internal static TagList Tags(string operation, string method, string host, TryVoxApiKey key, int? status, string? errorType)
    {
        var tags = new TagList
        {
            { "tryvox.operation", operation },
            { "http.request.method", method },
            { "server.address", host },
            { "tryvox.key.environment", key.Environment == TryVoxEnvironment.Live ? "live" : "sandbox" },
            { "tryvox.key.hint", key.Last4 },
        };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        return tags;
    }

    internal static string StatusText(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The snake_case names .NET's own HTTP metrics use for <see cref="HttpRequestError"/>.</summary>
    internal static string ErrorText(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "name_resolution_error",
        HttpRequestError.ConnectionError => "connection_error",
        HttpRequestError.SecureConnectionError => "secure_connection_error",
        HttpRequestError.HttpProtocolError => "http_protocol_error",
        HttpRequestError.ExtendedConnectNotSupported => "extended_connect_not_supported",
        HttpRequestError.VersionNegotiationError => "version_negotiation_error",
        HttpRequestError.UserAuthenticationError => "user_authentication_error",
        HttpRequestError.ProxyTunnelError => "proxy_tunnel_error",
        HttpRequestError.InvalidResponse => "invalid_response",
        HttpRequestError.ResponseEnded => "response_ended",
        HttpRequestError.ConfigurationLimitExceeded => "configuration_limit_exceeded",
        _ => "_OTHER",
    };
}
