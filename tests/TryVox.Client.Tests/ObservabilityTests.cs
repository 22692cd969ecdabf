using System.Collections.Concurrent;
using System.Diagnostics;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.Tests;

/// <summary>Each attempt is reported (method, path template, status, attempt, duration) and each operation traced as a span.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Each_attempt_is_reported_with_method_template_status_attempt_duration_and_retry_wait()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            context.Response.Headers["X-Request-ID"] = $"req_{count}";
            return count == 1 ? Fixtures.Error(context, 503) : LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });
        var attempts = new ConcurrentQueue<TryVoxAttempt>();

        await TryVoxClientFactory.Create(Fixtures.Fast(server, onAttempt: attempts.Enqueue)).Account["AC123456"].Numbers.GetAsync();

        var (first, second) = (attempts.ToArray()[0], attempts.ToArray()[1]);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("GET", "/account/{account_id}/numbers", 1, 503, "req_1"), (first.Method, first.PathTemplate, first.Attempt, first.StatusCode, first.RequestId));
        Assert.NotNull(first.RetryDelay);
        Assert.Equal((2, 200, "req_2"), (second.Attempt, second.StatusCode, second.RequestId));
        Assert.Null(second.RetryDelay);
        Assert.All(attempts, a => Assert.True(a.Duration > TimeSpan.Zero));
    }

    [Fact]
    public async Task A_reported_attempt_never_holds_the_key_the_account_id_or_a_header()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 401, "UNAUTHORIZED", "Invalid or missing API key"));
        var attempts = new ConcurrentQueue<TryVoxAttempt>();
        var options = Fixtures.Fast(server, onAttempt: attempts.Enqueue);
        options.ApiKey = TestKeys.Live;

        await Assert.ThrowsAsync<Models.TryVoxError>(() => TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        var text = Assert.Single(attempts).ToString();
        Assert.DoesNotContain(TestKeys.Live, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AC123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_operation_is_a_client_span_with_the_attempt_count_request_id_and_a_retry_event()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(spans);
        // The listener also hears tests running in parallel: this test's spans are the ones with its request id.
        var requestId = "req_" + Guid.NewGuid().ToString("N");
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            context.Response.Headers["X-Request-ID"] = requestId;
            return count == 1 ? Fixtures.Error(context, 429) : LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });

        await Fixtures.Client(server).Account["AC123456"].Numbers.GetAsync();

        var operation = Assert.Single(spans, s => Equals(s.GetTagItem("tryvox.request_id"), requestId));
        Assert.Equal("GET /account/{account_id}/numbers", operation.DisplayName);
        Assert.Equal(ActivityKind.Client, operation.Kind);
        Assert.Equal(("GET", "/account/{account_id}/numbers", "127.0.0.1", 200),
            (operation.GetTagItem("http.request.method"), operation.GetTagItem("url.template"), operation.GetTagItem("server.address"), operation.GetTagItem("http.response.status_code")));
        Assert.Equal(2, operation.GetTagItem("tryvox.attempts"));
        Assert.Equal(1, operation.GetTagItem("http.request.resend_count"));
        var retry = Assert.Single(operation.Events, e => e.Name == "tryvox.retry");
        Assert.Contains(retry.Tags, t => t.Key == "http.response.status_code" && Equals(t.Value, 429));
        Assert.Equal((ActivityStatusCode.Unset, null), (operation.Status, operation.GetTagItem("error.type")));
    }

    [Fact]
    public async Task A_failed_operations_span_has_its_error_type_and_each_retry_event_its_attempt_status_and_wait()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(spans);
        var requestId = "req_" + Guid.NewGuid().ToString("N");
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = requestId;
            return Fixtures.Error(context, 503);
        });

        await Assert.ThrowsAsync<Models.TryVoxError>(() => Fixtures.Client(server, maxRetries: 1).Account["AC123456"].Numbers.GetAsync());

        var operation = Assert.Single(spans, s => Equals(s.GetTagItem("tryvox.request_id"), requestId));
        Assert.Equal((ActivityStatusCode.Error, "503", 503, 2, 1),
            (operation.Status, operation.GetTagItem("error.type"), operation.GetTagItem("http.response.status_code"), operation.GetTagItem("tryvox.attempts"), operation.GetTagItem("http.request.resend_count")));
        var retry = Assert.Single(operation.Events);
        Assert.Equal("tryvox.retry", retry.Name);
        var tags = retry.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(["error.type", "http.response.status_code", "tryvox.attempt", "tryvox.retry_delay_ms"], tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 503, "503"), (tags["tryvox.attempt"], tags["http.response.status_code"], tags["error.type"]));
        Assert.InRange((double)tags["tryvox.retry_delay_ms"]!, 0.5, 5_000);
    }

    /// <summary>Hears every TryVox span that ends, in this process.</summary>
    private static ActivityListener ListenToSpans(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TryVoxTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
