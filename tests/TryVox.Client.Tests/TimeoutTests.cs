using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>Per-attempt and overall time limits, told apart from the caller's cancellation.</summary>
public sealed class TimeoutTests
{
    internal static Task Hang(Microsoft.AspNetCore.Http.HttpContext context) => Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);

    [Fact]
    public async Task A_list_attempt_that_times_out_is_retried_and_succeeds()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
            count == 1 ? Hang(context) : LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        var options = Fixtures.Fast(server);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);

        var numbers = await TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync();

        Assert.Single(numbers!.Data!);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_create_call_attempt_that_times_out_is_not_retried_and_surfaces_as_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Hang(context));
        var options = Fixtures.Fast(server);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);

        var error = await Record.ExceptionAsync(() =>
            TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        var timeout = Assert.IsType<TryVoxTimeoutException>(error);
        Assert.Equal(TimeSpan.FromMilliseconds(300), timeout.Timeout);
        Assert.Equal(1, timeout.Attempts);
        Assert.Contains("POST /voice/accounts/{auth_id}/calls", timeout.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_overall_timeout_bounds_all_attempts_and_surfaces_as_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Hang(context));
        // Attempts end by their own 600 ms limit at about 0.6 s and 1.2 s; the overall 1.5 s cuts the third short.
        var options = Fixtures.Fast(server, maxRetries: 10);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(600);
        options.Timeout = TimeSpan.FromMilliseconds(1500);
        var started = Stopwatch.GetTimestamp();

        var error = await Record.ExceptionAsync(() => TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync());

        var timeout = Assert.IsType<TryVoxTimeoutException>(error);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), timeout.Timeout);
        Assert.Contains("the whole operation exceeded 1.5 s", timeout.Message, StringComparison.Ordinal);
        Assert.InRange(timeout.Attempts, 2, 3);
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(1450), TimeSpan.FromSeconds(5));
    }

    public static TheoryData<int, int, string> Limits => new()
    {
        // Timeout and AttemptTimeout in ms (-1 for none), and the limit the message names. The shorter leaves a loaded
        // machine time to deliver the request first.
        { -1, 2_000, "the attempt exceeded 2 s" },
        { 30_000, 2_000, "the attempt exceeded 2 s" },
        { 2_000, -1, "the whole operation exceeded 2 s" },
        { 2_000, 30_000, "the whole operation exceeded 2 s" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task The_shorter_of_the_attempts_and_the_operations_limit_ends_an_attempt_and_is_the_one_named(int timeout, int attemptTimeout, string named)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Hang(context));
        var options = Fixtures.Fast(server);
        (options.Timeout, options.AttemptTimeout) = (TimeSpan.FromMilliseconds(timeout), TimeSpan.FromMilliseconds(attemptTimeout));

        var error = await Record.ExceptionAsync(() =>
            TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall()));

        var timedOut = Assert.IsType<TryVoxTimeoutException>(error);
        Assert.Equal($"POST /voice/accounts/{{auth_id}}/calls timed out: {named} (attempt 1).", timedOut.InnerException!.Message);
        Assert.Equal((TimeSpan.FromSeconds(2), 1, true), (timedOut.Timeout, timedOut.Attempts, timedOut.OutcomeUnknown));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_OperationCanceledException_with_the_callers_token()
    {
        using var cancellation = new CancellationTokenSource();
        // The caller gives up once the server has the request and is working on it.
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            cancellation.Cancel();
            return Hang(context);
        });

        var error = await Record.ExceptionAsync(() =>
            Fixtures.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), cancellationToken: cancellation.Token));

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(cancellation.Token, canceled.CancellationToken);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(500)]
    public async Task Caller_cancellation_while_the_body_arrives_is_a_cancellation_not_a_failure_of_the_attempt(int status)
    {
        using var cancellation = new CancellationTokenSource();
        // The headers and the body's start arrive; the caller gives up while the rest is awaited.
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1_000;
            await context.Response.WriteAsync("{\"error\":");
            await context.Response.Body.FlushAsync();
            await Task.Delay(300);
            cancellation.Cancel();
            await Hang(context);
        });

        var error = await Record.ExceptionAsync(() =>
            Fixtures.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, Assert.IsAssignableFrom<OperationCanceledException>(error).CancellationToken);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Without_any_time_limit_an_operation_runs_to_its_answer()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        var options = Fixtures.Fast(server);
        (options.Timeout, options.AttemptTimeout) = (Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        var numbers = await TryVoxClientFactory.Create(options).Account["AC123456"].Numbers.GetAsync();

        Assert.Single(numbers!.Data!);
    }

    [Fact]
    public void A_zero_or_negative_timeout_is_refused_when_the_client_is_built()
    {
        Assert.Equal("TryVoxClientOptions.Timeout must be positive or Timeout.InfiniteTimeSpan; it is 00:00:00. (Parameter 'Timeout')",
            Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, Timeout = TimeSpan.Zero })).Message);
        Assert.Equal("TryVoxClientOptions.AttemptTimeout must be positive or Timeout.InfiniteTimeSpan; it is -00:00:02. (Parameter 'AttemptTimeout')",
            Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, AttemptTimeout = TimeSpan.FromSeconds(-2) })).Message);
        TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, Timeout = Timeout.InfiniteTimeSpan });
    }
}
