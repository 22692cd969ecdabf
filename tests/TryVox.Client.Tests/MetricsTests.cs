using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.Tests;

/// <summary>
/// The <c>TryVox.Client</c> meter, as the reference asks users to watch each key: traffic, errors, rate limits.
/// Each test uses a key of its own and reads only the measurements tagged with that key's hint: the meter is
/// shared with tests running beside it.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task A_throttled_then_successful_list_counts_one_request_one_retry_one_rate_limited_answer_and_its_duration()
    {
        const string key = "tvx_sk_live_metricsList00000000a1b2";
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            if (count == 1)
            {
                context.Response.Headers.RetryAfter = "0";
                return Fixtures.Error(context, 429, "RATE_LIMITED", "Slow down");
            }

            return LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });
        using var meters = new Meters();

        await Client(server, key).Account["AC123456"].Numbers.GetAsync();

        var operation = new Dictionary<string, object?>
        {
            ["tryvox.operation"] = "GET /account/{account_id}/numbers",
            ["http.request.method"] = "GET",
            ["server.address"] = "127.0.0.1",
            ["tryvox.key.environment"] = "live",
            ["tryvox.key.hint"] = "a1b2",
        };
        var request = Assert.Single(meters.Requests.Of("a1b2"));
        Assert.Equal(1, request.Value);
        Assert.Equal(With(operation, ("http.response.status_code", 200)), request.Tags);
        var duration = Assert.Single(meters.Duration.Of("a1b2"));
        Assert.True(duration.Value > 0);
        Assert.Equal(request.Tags, duration.Tags);
        var throttled = With(operation, ("http.response.status_code", 429), ("error.type", "429"));
        Assert.Equal(throttled, Assert.Single(meters.Retries.Of("a1b2")).Tags);
        Assert.Equal(throttled, Assert.Single(meters.RateLimited.Of("a1b2")).Tags);
    }

    [Fact]
    public async Task A_create_answered_503_counts_as_a_failed_request_with_its_status_as_error_type_and_no_retry()
    {
        const string key = "tvx_sk_test_metricsCreate000000c3d4";
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        using var meters = new Meters();

        await Assert.ThrowsAsync<Models.TryVoxError>(() => Client(server, key).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        var request = Assert.Single(meters.Requests.Of("c3d4"));
        Assert.Equal(("POST /voice/accounts/{auth_id}/calls", "POST", "sandbox", 503, "503"), (request.Tags["tryvox.operation"], request.Tags["http.request.method"],
            request.Tags["tryvox.key.environment"], request.Tags["http.response.status_code"], request.Tags["error.type"]));
        Assert.Empty(meters.Retries.Of("c3d4"));
        Assert.Empty(meters.RateLimited.Of("c3d4"));
    }

    [Fact]
    public async Task A_refused_connection_counts_with_the_network_error_type_and_no_status()
    {
        const string key = "tvx_sk_live_metricsRefused00000e5f6";
        using var meters = new Meters();
        using var client = new TryVoxClient(new TryVoxClientOptions
        {
            ApiKey = key,
            BaseUrl = new Uri($"http://127.0.0.1:{RetryTests.ClosedPort()}/v1"),
            Retry = new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.Zero },
        });

        await Assert.ThrowsAsync<TryVoxNetworkException>(() => client.Account["AC123456"].Numbers.GetAsync());

        var request = Assert.Single(meters.Requests.Of("e5f6"));
        Assert.Equal("connection_error", request.Tags["error.type"]);
        Assert.False(request.Tags.ContainsKey("http.response.status_code"));
        Assert.Equal("connection_error", Assert.Single(meters.Retries.Of("e5f6")).Tags["error.type"]);
    }

    public static TheoryData<HttpRequestError, string> NetworkErrors => new()
    {
        { HttpRequestError.NameResolutionError, "name_resolution_error" },
        { HttpRequestError.ConnectionError, "connection_error" },
        { HttpRequestError.SecureConnectionError, "secure_connection_error" },
        { HttpRequestError.HttpProtocolError, "http_protocol_error" },
        { HttpRequestError.ExtendedConnectNotSupported, "extended_connect_not_supported" },
        { HttpRequestError.VersionNegotiationError, "version_negotiation_error" },
        { HttpRequestError.UserAuthenticationError, "user_authentication_error" },
        { HttpRequestError.ProxyTunnelError, "proxy_tunnel_error" },
        { HttpRequestError.InvalidResponse, "invalid_response" },
        { HttpRequestError.ResponseEnded, "response_ended" },
        { HttpRequestError.ConfigurationLimitExceeded, "configuration_limit_exceeded" },
        { HttpRequestError.Unknown, "_OTHER" },
    };

    [Theory]
    [MemberData(nameof(NetworkErrors))]
    public void A_network_failure_is_tagged_with_the_name_dotnets_own_http_metrics_use(HttpRequestError error, string errorType)
    {
        Assert.Equal(errorType, TryVoxTelemetry.ErrorType(null, new HttpRequestException(error, "failed")));
    }

    [Fact]
    public void Every_other_failure_is_tagged_with_its_status_or_a_short_name()
    {
        Assert.Multiple(
            () => Assert.Null(TryVoxTelemetry.ErrorType(200, null)),
            () => Assert.Null(TryVoxTelemetry.ErrorType(null, null)),
            () => Assert.Equal("404", TryVoxTelemetry.ErrorType(404, null)),
            () => Assert.Equal("400", TryVoxTelemetry.ErrorType(400, null)),
            () => Assert.Null(TryVoxTelemetry.ErrorType(399, null)),
            () => Assert.Equal("400", TryVoxTelemetry.ErrorType(null, new Models.TryVoxError { ResponseStatusCode = 400 })),
            () => Assert.Equal("Microsoft.Kiota.Abstractions.ApiException", TryVoxTelemetry.ErrorType(null, new Microsoft.Kiota.Abstractions.ApiException { ResponseStatusCode = 399 })),
            () => Assert.Equal("503", TryVoxTelemetry.ErrorType(null, new Models.TryVoxError { ResponseStatusCode = 503 })),
            () => Assert.Equal("timeout", TryVoxTelemetry.ErrorType(null, new TryVoxTimeoutException("slow"))),
            () => Assert.Equal("timeout", TryVoxTelemetry.ErrorType(null, new TimeoutException())),
            () => Assert.Equal("resend_refused", TryVoxTelemetry.ErrorType(503, new TryVoxResendRefusedException("twice"))),
            () => Assert.Equal("invalid_response", TryVoxTelemetry.ErrorType(201, new TryVoxInvalidResponseException("bad"))),
            () => Assert.Equal("canceled", TryVoxTelemetry.ErrorType(null, new OperationCanceledException())),
            () => Assert.Equal("System.InvalidOperationException", TryVoxTelemetry.ErrorType(null, new InvalidOperationException())));
    }

    [Fact]
    public async Task No_measurement_carries_the_key()
    {
        const string key = "tvx_sk_live_metricsSecret0000000g7h8";
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 401, "UNAUTHORIZED", "Invalid or missing API key"));
        using var meters = new Meters();

        await Assert.ThrowsAsync<Models.TryVoxError>(() => Client(server, key).Account["AC123456"].Numbers.GetAsync());

        var tags = meters.Requests.Of("g7h8").SelectMany(m => m.Tags.Values).Concat(meters.Duration.Of("g7h8").SelectMany(m => m.Tags.Values)).ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, value => Assert.DoesNotContain("metricsSecret", value?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_instruments_carry_their_units_descriptions_version_and_duration_buckets()
    {
        var published = new List<System.Diagnostics.Metrics.Instrument>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == TryVoxTelemetry.Name)
                {
                    published.Add(instrument);
                }
            },
        };
        _ = TryVoxTelemetry.Source;
        // The placement counters are made with the first keyed create-call: make them now.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Placement.PlacementTelemetry).TypeHandle);

        listener.Start();

        Assert.Equal(
            [
                "tryvox.client.attempts {request} TryVox requests sent over the network, every retry and resend included.",
                "tryvox.client.placement.claims {claim} Placement keys claimed before a create-call was sent.",
                "tryvox.client.placement.conflicts {conflict} Create-calls refused: their placement key was used with another body.",
                "tryvox.client.placement.ledger_failures {failure} Create-calls not sent because the placement ledger failed.",
                "tryvox.client.placement.replays {replay} Create-calls answered with a placement key's recorded call.",
                "tryvox.client.placement.unresolved {key} Create-calls that left or found their placement key's outcome unknown.",
                "tryvox.client.placement.waits {wait} Create-calls that waited for a placement of their key in flight.",
                "tryvox.client.rate_limited {response} TryVox answers 429 Too Many Requests.",
                "tryvox.client.request.duration s How long TryVox operations took, retries included.",
                "tryvox.client.requests {request} TryVox operations that ended.",
                "tryvox.client.retries {retry} TryVox attempts sent again.",
            ],
            published.Select(i => $"{i.Name} {i.Unit} {i.Description}").Order(StringComparer.Ordinal));
        Assert.All(published, i => Assert.Equal(SdkVersion.Value, i.Meter.Version));
        var duration = Assert.IsType<System.Diagnostics.Metrics.Histogram<double>>(published.Single(i => i.Name == TryVoxTelemetry.DurationInstrument));
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30], duration.Advice!.HistogramBucketBoundaries!);
    }

    [Fact]
    public async Task A_listener_of_the_duration_alone_still_hears_each_operation()
    {
        const string key = "tvx_sk_live_metricsDurationOnly00k9m2";
        await using var server = await LoopbackServer.StartAsync();
        using var duration = new MetricCollector<double>(null, TryVoxTelemetry.Name, TryVoxTelemetry.DurationInstrument);

        await Client(server, key).Account["AC123456"].Numbers.GetAsync();

        Assert.Equal(200, Assert.Single(duration.Of("k9m2")).Tags["http.response.status_code"]);
    }

    [Fact]
    public async Task A_cancelled_operation_is_counted_as_canceled()
    {
        const string key = "tvx_sk_live_metricsCanceled000000c4n5";
        using var cancellation = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            cancellation.Cancel();
            return TimeoutTests.Hang(context);
        });
        using var meters = new Meters();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(server, key).Account["AC123456"].Numbers.GetAsync(cancellationToken: cancellation.Token));

        Assert.Equal("canceled", Assert.Single(meters.Requests.Of("c4n5")).Tags["error.type"]);
    }

    private static TryVoxClient Client(LoopbackServer server, string key) => new(new TryVoxClientOptions
    {
        ApiKey = key,
        BaseUrl = server.BaseUrl,
        Retry = new RetryPolicy { BaseDelay = TimeSpan.Zero },
    });

    private static Dictionary<string, object?> With(Dictionary<string, object?> tags, params (string Key, object? Value)[] more)
    {
        var all = new Dictionary<string, object?>(tags);
        foreach (var (name, value) in more)
        {
            all[name] = value;
        }

        return all;
    }

    /// <summary>Collectors of the four instruments, for the measurements of one key.</summary>
    private sealed class Meters : IDisposable
    {
        public MetricCollector<long> Requests { get; } = new(null, TryVoxTelemetry.Name, TryVoxTelemetry.RequestsInstrument);

        public MetricCollector<double> Duration { get; } = new(null, TryVoxTelemetry.Name, TryVoxTelemetry.DurationInstrument);

        public MetricCollector<long> Retries { get; } = new(null, TryVoxTelemetry.Name, TryVoxTelemetry.RetriesInstrument);

        public MetricCollector<long> RateLimited { get; } = new(null, TryVoxTelemetry.Name, TryVoxTelemetry.RateLimitedInstrument);

        public void Dispose()
        {
            Requests.Dispose();
            Duration.Dispose();
            Retries.Dispose();
            RateLimited.Dispose();
        }
    }
}

internal static class MeasurementsOfKey
{
    public static IEnumerable<(long Value, IReadOnlyDictionary<string, object?> Tags)> Of(this MetricCollector<long> collector, string hint) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault("tryvox.key.hint"), hint)).Select(m => (m.Value, m.Tags));

    public static IEnumerable<(double Value, IReadOnlyDictionary<string, object?> Tags)> Of(this MetricCollector<double> collector, string hint) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault("tryvox.key.hint"), hint)).Select(m => (m.Value, m.Tags));
}
