using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions;
using TryVox.Client.DependencyInjection;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>
/// docs/errors-and-retries.md: <c>catch (ApiException)</c> is the one catch a caller needs. Each kind of failure is
/// provoked for real on 127.0.0.1 and caught by it; the caller's own cancellation is not.
/// </summary>
public sealed class ExceptionFamilyTests
{
    /// <summary>Places a call the way the docs show, and returns what <c>catch (ApiException)</c> caught.</summary>
    private static async Task<ApiException?> PlaceCallAsync(TryVoxClient client, CancellationToken cancellationToken = default)
    {
        var call = Fixtures.NewCall();
        ApiException? failure = null;
        // <snippet:catch-every-failure>
        try
        {
            await client.Voice.Accounts["AC123456"].Calls.PostAsync(call, cancellationToken: cancellationToken);
        }
        catch (ApiException e) // every TryVox failure; your own cancellation stays an OperationCanceledException
        {
            failure = e;       // TryVoxError, TryVoxTimeoutException, TryVoxNetworkException, …
        }
        // </snippet>
        return failure;
    }

    [Fact]
    public async Task A_4xx_answer_is_caught_as_a_TryVoxError()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            Fixtures.Error(context, 401, "UNAUTHORIZED", "Invalid or missing API key"));

        var error = Assert.IsType<TryVoxError>(await PlaceCallAsync(Fixtures.Client(server)));

        Assert.Equal(401, error.ResponseStatusCode);
        Assert.Equal("UNAUTHORIZED", error.Code);
        Assert.Equal("POST /voice/accounts/{auth_id}/calls", error.Operation);
        Assert.False(error.OutcomeUnknown);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_timeout_is_caught_as_a_TryVoxTimeoutException_over_a_TimeoutException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => TimeoutTests.Hang(context));
        var options = Fixtures.Fast(server);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);

        var timeout = Assert.IsType<TryVoxTimeoutException>(await PlaceCallAsync(new TryVoxClient(options)));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.Equal(TimeSpan.FromMilliseconds(300), timeout.Timeout);
        Assert.Equal(1, timeout.Attempts);
        Assert.True(timeout.OutcomeUnknown);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_caught_as_a_TryVoxNetworkException_over_the_HttpRequestException()
    {
        var options = new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            BaseUrl = new Uri($"http://127.0.0.1:{RetryTests.ClosedPort()}/v1"),
            Retry = new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1) },
        };

        var network = Assert.IsType<TryVoxNetworkException>(await PlaceCallAsync(new TryVoxClient(options)));

        var cause = Assert.IsType<HttpRequestException>(network.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, cause.HttpRequestError);
        Assert.Equal(HttpRequestError.ConnectionError, network.HttpRequestError);
        Assert.Equal(2, network.Attempts); // nothing was sent, so even a create-call was tried again
        Assert.False(network.OutcomeUnknown);
    }

    [Fact]
    public async Task A_malformed_2xx_body_is_caught_as_a_TryVoxInvalidResponseException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 201, """{"id":"call_7f3c2a","from":"""));

        var invalid = Assert.IsType<TryVoxInvalidResponseException>(await PlaceCallAsync(Fixtures.Client(server)));

        Assert.Equal(201, invalid.ResponseStatusCode);
        Assert.StartsWith("POST /voice/accounts/{auth_id}/calls answered 201, but", invalid.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_resend_by_an_application_handler_is_refused_and_caught_as_a_TryVoxResendRefusedException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503, "UNAVAILABLE", "Try again"));
        var services = new ServiceCollection();
        services.AddTryVoxClient(o => (o.ApiKey, o.BaseUrl) = (TestKeys.Sandbox, server.BaseUrl))
            .AddHttpMessageHandler(() => new ResendOn5xxHandler());
        await using var provider = services.BuildServiceProvider();

        var refused = Assert.IsType<TryVoxResendRefusedException>(await PlaceCallAsync(provider.GetRequiredService<TryVoxClient>()));

        Assert.Equal(503, refused.ResponseStatusCode);
        Assert.True(refused.OutcomeUnknown);
        Assert.Single(server.Requests); // the second send never left the client
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_caught_by_catch_ApiException()
    {
        using var cancellation = new CancellationTokenSource();
        // The caller gives up once the server has the request.
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            cancellation.Cancel();
            return TimeoutTests.Hang(context);
        });

        var error = await Record.ExceptionAsync(() => PlaceCallAsync(Fixtures.Client(server), cancellation.Token));

        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(cancellation.Token, canceled.CancellationToken);
        Assert.Single(server.Requests);
    }

    /// <summary>An application's naive retry handler: sends the same request again when the answer is a 5xx.</summary>
    private sealed class ResendOn5xxHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode < HttpStatusCode.InternalServerError)
            {
                return response;
            }

            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
