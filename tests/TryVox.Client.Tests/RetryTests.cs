using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using TryVox.Client.Diagnostics;
using TryVox.Client.RequestOptions;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>What is re-sent, when, and what surfaces: over real HTTP on 127.0.0.1.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task A_create_call_answered_with_a_server_error_reaches_the_server_exactly_once(int status)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, status));
        var client = Fixtures.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Single(server.Requests);
        Assert.Equal(status, error.ResponseStatusCode);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task A_create_call_answered_429_with_Retry_After_1_is_waited_for_and_sent_again_with_the_same_body()
    {
        var arrivals = new List<long>();
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            arrivals.Add(Stopwatch.GetTimestamp());
            if (count == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Fixtures.Error(context, 429, "RATE_LIMITED", "Slow down");
            }

            return LoopbackServer.Json(context, 201, Fixtures.CallJson);
        });
        var client = Fixtures.Client(server);

        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall());

        Assert.Equal("call_7f3c2a", call!.Id);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains("\"answer_url\":\"https://your-app.com/answer\"", requests[1].Body, StringComparison.Ordinal);
        // Retry-After: 1 is honoured, not replaced by the 1 ms backoff of these options.
        Assert.InRange(Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]), TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_list_answered_with_a_transient_status_is_sent_again_and_succeeds(int status)
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
            count == 1 ? Fixtures.Error(context, status) : LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        var client = Fixtures.Client(server);

        var numbers = await client.Account["AC123456"].Numbers.GetAsync();

        Assert.Equal("+919876543210", Assert.Single(numbers!.Data!).E164);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(501)]
    public async Task A_list_answered_with_a_final_status_is_sent_once(int status)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, status));
        var client = Fixtures.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(status, error.ResponseStatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Exhausted_retries_surface_the_last_typed_error_with_the_attempt_count_never_an_AggregateException()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) => Fixtures.Error(context, 503, "BUSY", $"busy {count}"));
        var client = Fixtures.Client(server, maxRetries: 2);

        var error = await Record.ExceptionAsync(() => client.Account["AC123456"].Numbers.GetAsync());

        var typed = Assert.IsType<TryVoxError>(error);
        Assert.Equal(503, typed.ResponseStatusCode);
        Assert.Equal("busy 3", typed.Message);
        Assert.Equal(3, typed.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_maximum_delay_surfaces_at_once_with_RetryAfter_set()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Fixtures.Error(context, 429, "RATE_LIMITED", "Slow down");
        });
        var client = Fixtures.Client(server);
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync());

        Assert.Single(server.Requests);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_wait_that_would_outlast_the_overall_timeout_is_not_started()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers.RetryAfter = "3";
            return Fixtures.Error(context, 503);
        });
        var options = Fixtures.Fast(server);
        options.Timeout = TimeSpan.FromSeconds(2);
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<TryVoxError>(() => TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(503, error.ResponseStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Single(server.Requests);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_read_against_the_response_Date()
    {
        var serverNow = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers.Date = serverNow.ToString("r");
            context.Response.Headers.RetryAfter = serverNow.AddSeconds(90).ToString("r");
            return Fixtures.Error(context, 429, "RATE_LIMITED", "Slow down");
        });

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Fixtures.Client(server).Account["AC123456"].Numbers.GetAsync());

        // 90 s from the server's clock, whatever this machine's clock says; longer than MaxDelay (5 s), so not waited for.
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_on_a_list_is_retried_and_succeeds()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            if (count == 1)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            return LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });

        var numbers = await Fixtures.Client(server).Account["AC123456"].Numbers.GetAsync();

        Assert.Single(numbers!.Data!);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_connection_dropped_after_a_create_call_was_sent_is_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() =>
            Fixtures.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Single(server.Requests);
        Assert.NotEqual(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(1, error.Attempts);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_create_call_dropped_on_a_reused_connection_is_not_retried_either()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            if (context.Request.Method == "POST")
            {
                context.Abort();
                return Task.CompletedTask;
            }

            return LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });
        var client = Fixtures.Client(server);
        await client.Account["AC123456"].Numbers.GetAsync();

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Equal(["GET", "POST"], server.Requests.Select(r => r.Method));
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_create_call_whose_connection_was_refused_is_sent_again_because_nothing_was_sent()
    {
        var attempts = new List<TryVoxAttempt>();
        var options = new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            BaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/v1"),
            Retry = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1) },
            OnAttempt = attempts.Add,
        };

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() =>
            TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(3, error.Attempts);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Null(a.StatusCode));
    }

    [Fact]
    public async Task A_socket_error_let_through_while_connecting_is_a_connection_error_and_a_create_call_is_sent_again()
    {
        // SocketsHttpHandler throws a bare SocketException when a new connection is reset while it connects: nothing was sent.
        var handler = new ThrowingHandler(new SocketException((int)SocketError.ConnectionReset));
        var options = new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            PrimaryHandler = handler,
            Retry = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1) },
        };

        var error = await Assert.ThrowsAsync<TryVoxNetworkException>(() =>
            TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        Assert.Equal((HttpRequestError.ConnectionError, 3, false, 3), (error.HttpRequestError, error.Attempts, error.OutcomeUnknown, handler.Calls));
        Assert.StartsWith("POST /voice/accounts/{auth_id}/calls failed on the network (ConnectionError): The connection failed before the request was sent: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException!.InnerException);
    }

    [Fact]
    public async Task A_create_call_refused_once_then_accepted_places_exactly_one_call()
    {
        var port = ClosedPort();
        TcpListener? late = null;
        var options = new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"),
            Retry = new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1) },
            // The server comes up only after the first attempt found nobody listening.
            OnAttempt = _ =>
            {
                late ??= new TcpListener(IPAddress.Loopback, port);
                late.Start();
            },
        };

        try
        {
            var sending = TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall());
            var requests = await AnswerOnceAsync(() => late, 201, Fixtures.CallJson);
            var call = await sending;

            Assert.Equal("call_7f3c2a", call!.Id);
            Assert.StartsWith("POST /v1/voice/accounts/AC123456/calls ", requests, StringComparison.Ordinal);
        }
        finally
        {
            late?.Stop();
        }
    }

    /// <summary>Waits for the listener to exist, accepts one connection, reads one request and answers it.</summary>
    private static async Task<string> AnswerOnceAsync(Func<TcpListener?> listener, int status, string json)
    {
        while (listener() is null)
        {
            await Task.Delay(5);
        }

        using var connection = await listener()!.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var received = new System.Text.StringBuilder();
        var buffer = new byte[8192];
        while (!IsComplete(received.ToString()))
        {
            var read = await stream.ReadAsync(buffer);
            received.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }

        var body = System.Text.Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        return received.ToString();
    }

    private static bool IsComplete(string request)
    {
        var end = request.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = request[..end].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is null || request.Length - end - 4 >= int.Parse(length["Content-Length:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Retries_can_be_switched_off_for_the_client()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        var options = Fixtures.Fast(server);
        options.Retry.MaxRetries = 0;

        await Assert.ThrowsAsync<TryVoxError>(() => TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync());

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_documented_settings_build_a_client_and_RetryOption_Disabled_sends_once()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        // <snippet:retry-settings>
        var options = new TryVoxClientOptions
        {
            Retry = new RetryPolicy                          // RetryPolicy.None: every request is sent once
            {
                MaxRetries = 3,                              // 0–10 retries after the first attempt
                BaseDelay = TimeSpan.FromMilliseconds(500),  // first backoff; doubles each retry, with jitter
                MaxDelay = TimeSpan.FromSeconds(30),         // longest wait, and the cap on Retry-After
            },
            Timeout = TimeSpan.FromSeconds(100),             // whole operation: all attempts, waits, reading the result
            AttemptTimeout = TimeSpan.FromSeconds(30),       // one attempt, response body included
        };
        // </snippet>
        (options.ApiKey, options.BaseUrl) = (TestKeys.Sandbox, server.BaseUrl);
        using var client = new TryVoxClient(options);

        var error = await Record.ExceptionAsync(async () =>
        {
            // <snippet:retry-settings>
            // One request with another policy (it changes how often, never what may be re-sent):
            await client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(RetryOption.Disabled));
            // </snippet>
        });

        Assert.Equal(503, Assert.IsType<TryVoxError>(error).ResponseStatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_RetryOption_overrides_the_client_policy_for_one_request()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        var client = Fixtures.Client(server, maxRetries: 3);

        await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(RetryOption.Disabled)));
        Assert.Single(server.Requests);

        var once = new RetryOption(new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.Zero });
        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(once)));
        Assert.Equal(2, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_RetryOption_cannot_make_a_create_call_retry_on_a_server_error()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        var generous = new RetryOption(new RetryPolicy { MaxRetries = 10, BaseDelay = TimeSpan.Zero });

        await Assert.ThrowsAsync<TryVoxError>(() => Fixtures.Client(server).Voice.Accounts["AC123456"].Calls
            .PostAsync(Fixtures.NewCall(), r => r.Options.Add(generous)));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_retry_wait_ends_the_request_at_once()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers.RetryAfter = "4";
            return Fixtures.Error(context, 503);
        });
        using var cancellation = new CancellationTokenSource();
        var attempts = new List<TryVoxAttempt>();
        // The first attempt ends with a 4 s wait ahead (Retry-After); the caller cancels as it starts.
        var options = Fixtures.Fast(server, onAttempt: attempt =>
        {
            attempts.Add(attempt);
            cancellation.Cancel();
        });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync(cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(4), Assert.Single(attempts).RetryDelay);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(1, 100, 50, 100)]
    [InlineData(2, 100, 100, 200)]
    [InlineData(3, 100, 200, 400)]
    [InlineData(10, 100, 500, 1000)]
    public void Backoff_doubles_with_jitter_and_is_capped(int retry, int baseMs, int minMs, int maxMs)
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxDelay = TimeSpan.FromSeconds(1) };
        var delays = Enumerable.Range(0, 200).Select(_ => policy.Backoff(retry).TotalMilliseconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, minMs, maxMs));
        Assert.True(delays.Distinct().Count() > 1, "jittered");
    }

    [Theory]
    [InlineData("POST", HttpRequestError.ConnectionError, true)]
    [InlineData("POST", HttpRequestError.NameResolutionError, true)]
    [InlineData("POST", HttpRequestError.ResponseEnded, false)]
    [InlineData("POST", HttpRequestError.Unknown, false)]
    [InlineData("POST", HttpRequestError.InvalidResponse, false)]
    [InlineData("GET", HttpRequestError.ResponseEnded, true)]
    [InlineData("GET", HttpRequestError.Unknown, true)]
    public void Only_a_failure_before_sending_lets_a_POST_be_sent_again(string method, HttpRequestError error, bool expected) =>
        Assert.Equal(expected, RetryPolicy.MaySendAgain(method == "GET", AttemptClassifier.Classify(null, new HttpRequestException(error, "x"))));

    [Fact]
    public void A_POST_attempt_timeout_is_final_and_a_GET_attempt_timeout_is_not()
    {
        var timeout = new TimeoutException("t");
        Assert.False(RetryPolicy.MaySendAgain(repeatable: false, AttemptClassifier.Classify(null, timeout)));
        Assert.True(RetryPolicy.MaySendAgain(repeatable: true, AttemptClassifier.Classify(null, timeout)));
    }

    public static TheoryData<int, int, int, string?> Policies => new()
    {
        { 0, 0, 0, null },
        { 10, 1, 1, null },
        { -1, 500, 30_000, "RetryPolicy.MaxRetries must be 0 to 10; it is -1. (Parameter 'MaxRetries')" },
        { 11, 500, 30_000, "RetryPolicy.MaxRetries must be 0 to 10; it is 11. (Parameter 'MaxRetries')" },
        { 3, -1, 30_000, "RetryPolicy.BaseDelay and RetryPolicy.MaxDelay must not be negative. (Parameter 'BaseDelay')" },
        { 3, 500, -1, "RetryPolicy.BaseDelay and RetryPolicy.MaxDelay must not be negative. (Parameter 'BaseDelay')" },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_policy_out_of_range_is_refused_when_the_client_is_built_and_one_in_range_is_copied(int maxRetries, int baseMs, int maxMs, string? refusal)
    {
        var policy = new RetryPolicy { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxDelay = TimeSpan.FromMilliseconds(maxMs) };

        var error = Record.Exception(() => TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, Retry = policy }));

        Assert.Equal(refusal, error?.Message);
        if (refusal is null)
        {
            var copy = policy.Validated();
            Assert.NotSame(policy, copy);
            Assert.Equal((policy.MaxRetries, policy.BaseDelay, policy.MaxDelay), (copy.MaxRetries, copy.BaseDelay, copy.MaxDelay));
        }
    }

    public static TheoryData<int, int, int, int?> Waits => new()
    {
        // Attempt just ended (of MaxRetries 2, MaxDelay 2 s), Retry-After in ms, time left in ms (-1 for no limit), the wait in ms (null: no retry).
        { 2, 2_000, -1, 2_000 },
        { 3, 2_000, -1, null },
        { 1, 2_001, -1, null },
        { 1, 0, -1, 0 },
        { 1, 1_000, 1_001, 1_000 },
        { 1, 1_000, 1_000, null },
        { 1, 1_000, 999, null },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public void A_retry_waits_for_Retry_After_up_to_MaxDelay_within_the_retry_count_and_the_time_left(int attempt, int retryAfterMs, int remainingMs, int? waitMs)
    {
        var policy = new RetryPolicy { MaxRetries = 2, MaxDelay = TimeSpan.FromSeconds(2) };

        var wait = policy.DelayBeforeRetry(attempt, repeatable: false, AttemptClassifier.Classify(429, null), TimeSpan.FromMilliseconds(retryAfterMs), TimeSpan.FromMilliseconds(remainingMs));

        Assert.Equal(waitMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, wait);
    }

    [Fact]
    public void Without_Retry_After_the_wait_is_the_backoff_unless_it_would_outlast_the_time_left()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.InRange(policy.DelayBeforeRetry(1, repeatable: true, AttemptClassifier.Classify(503, null), null, Timeout.InfiniteTimeSpan)!.Value, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.Null(policy.DelayBeforeRetry(1, repeatable: true, AttemptClassifier.Classify(503, null), null, TimeSpan.FromMilliseconds(499)));
        Assert.Null(policy.DelayBeforeRetry(1, repeatable: false, AttemptClassifier.Classify(503, null), null, Timeout.InfiniteTimeSpan));
    }

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromException<HttpResponseMessage>(exception);
        }
    }

    /// <summary>A port on 127.0.0.1 with nobody listening: connecting to it is refused.</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
