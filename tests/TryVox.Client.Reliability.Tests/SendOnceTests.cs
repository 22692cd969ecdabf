using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using TryVox.Client.DependencyInjection;
using TryVox.Client.Models;
using TryVox.Client.Testing;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// A create-call reaches the server at most once, whatever retrying handlers the application adds around an
/// IHttpClientFactory client: over <c>AddTryVoxClient</c> and real sockets to the test kit on 127.0.0.1.
/// </summary>
public sealed class SendOnceTests
{
    /// <summary>The ways applications add retries to their HTTP clients.</summary>
    public enum AppHandler
    {
        /// <summary>.NET Aspire's service defaults: <c>ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler())</c>.</summary>
        StandardResilienceForEveryClient,

        /// <summary><c>AddTryVoxClient().AddStandardResilienceHandler()</c>.</summary>
        StandardResilienceOnTheTryVoxClient,

        /// <summary><c>AddResilienceHandler</c> with a Polly v8 retry of 5xx and every exception, for every method.</summary>
        PollyRetryOfEverything,

        /// <summary><c>AddPolicyHandler</c> (Microsoft.Extensions.Http.Polly) with a Polly v7 retry of 5xx and every exception.</summary>
        PolicyHandlerRetryOfEverything,

        /// <summary>The application's own <see cref="DelegatingHandler"/> that calls <c>base.SendAsync</c> again on 503 or a network failure.</summary>
        OwnResendingHandler,
    }

    public static TheoryData<AppHandler> AppHandlers => [.. Enum.GetValues<AppHandler>()];

    [Theory]
    [MemberData(nameof(AppHandlers))]
    public async Task A_create_answered_503_reaches_the_server_once_and_the_re_send_is_refused_by_name(AppHandler handler)
    {
        await using var server = await LoopbackAsync();
        // Retry-After: 0 so that handlers which honour it (the standard one does) re-send at once.
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503, retryAfter: TimeSpan.Zero));
        await using var services = Services(server, handler);

        var error = await Assert.ThrowsAsync<TryVoxResendRefusedException>(() => Calls(services, server).PostAsync(Wire.NewCall()));

        Assert.Equal(["POST 503"], server.Requests.Select(r => $"{r.Method} {r.StatusCode}"));
        Assert.Empty(server.PlacedCalls);
        Assert.Equal((503, 1, true), (error.ResponseStatusCode, error.Attempts, error.OutcomeUnknown));
        Assert.Equal(
            "POST /voice/accounts/{auth_id}/calls was not sent a second time: a handler between the TryVox client and the network re-sent it after the server answered 503, " +
            "and the server may have acted on the first send. Let TryVox retry its own requests: remove retrying handlers (such as AddStandardResilienceHandler) " +
            "from the TryVox client, or limit them to GET. The request reached the server, which may have acted on it (OutcomeUnknown): for a create-call, " +
            "look it up with FindAsync (CallOutcome) before placing it again.",
            error.Message);
    }

    [Theory]
    [MemberData(nameof(AppHandlers))]
    public async Task A_create_whose_connection_is_reset_after_the_server_acted_reaches_it_once_and_the_call_can_be_found(AppHandler handler)
    {
        await using var server = await LoopbackAsync();
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.DropConnectionAfterActing());
        await using var services = Services(server, handler);
        var calls = Calls(services, server);
        var started = DateTimeOffset.UtcNow;

        var error = await Record.ExceptionAsync(() => calls.PostAsync(Wire.NewCall()));

        // The application's own handler re-sends on a network failure too, so every handler here tries a second send.
        var refused = Assert.IsType<TryVoxResendRefusedException>(error);
        Assert.True(refused.OutcomeUnknown);
        Assert.Contains("after the first send failed", refused.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(refused.InnerException);
        var placed = Assert.Single(server.PlacedCalls);
        Assert.Equal(["POST"], (await RequestsAsync(server, 1)).Select(r => r.Method));
        server.Faults.Clear();
        Assert.Equal([placed.Id], (await calls.FindAsync(Wire.NewCall(), started)).Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(AppHandlers))]
    public async Task A_create_answered_429_is_still_sent_again_and_places_one_call(AppHandler handler)
    {
        await using var server = await LoopbackAsync();
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), times: 1);
        await using var services = Services(server, handler);

        var call = await Calls(services, server).PostAsync(Wire.NewCall());

        Assert.Equal(["POST 429", "POST 201"], server.Requests.Select(r => $"{r.Method} {r.StatusCode}"));
        Assert.Equal([call!.Id], server.PlacedCalls.Select(c => (string?)c.Id));
    }

    [Theory]
    [MemberData(nameof(AppHandlers))]
    public async Task Every_send_is_counted_and_numbered_as_it_went_over_the_wire_whoever_sent_it_again(AppHandler handler)
    {
        await using var server = await LoopbackAsync();
        var key = server.AddAccount("AC429", new PhoneNumber { E164 = "+919876543210", Country = "IN" });
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), times: 1);
        using var meters = new WireMeters(key[^4..]);
        var attempts = new System.Collections.Concurrent.ConcurrentQueue<Diagnostics.TryVoxAttempt>();
        await using var services = Services(server, handler, o => (o.ApiKey, o.OnAttempt) = (key, attempts.Enqueue));

        await services.GetRequiredService<TryVoxClient>().Voice.Accounts["AC429"].Calls.PostAsync(Wire.NewCall());

        // The standard resilience handlers re-send the 429 themselves; the others leave it to the client. The wire is the same.
        Assert.Equal([(1, 429), (2, 201)], server.Requests.Select(r => (r.Attempt, r.StatusCode)));
        Assert.Equal([(1, 429), (2, 201)], attempts.Select(a => (a.Attempt, a.StatusCode)));
        Assert.Equal(
            ["tryvox.client.attempts 429", "tryvox.client.rate_limited 429", "tryvox.client.retries 429", "tryvox.client.attempts 201", "tryvox.client.requests 201"],
            meters.Shown);
    }

    [Theory]
    [MemberData(nameof(AppHandlers))]
    public async Task A_list_answered_503_is_re_sent_by_the_applications_handler_as_it_asks(AppHandler handler)
    {
        await using var server = await LoopbackAsync();
        server.Faults.On(TryVoxOperation.ListNumbers, TryVoxFault.Status(503, retryAfter: TimeSpan.Zero), times: 1);
        await using var services = Services(server, handler);

        var numbers = await services.GetRequiredService<TryVoxClient>().Account[server.AccountId].Numbers.GetAsync();

        Assert.Equal(2, numbers!.Data!.Count);
        Assert.Equal(["GET 503", "GET 200"], server.Requests.Select(r => $"{r.Method} {r.StatusCode}"));
    }

    [Fact]
    public async Task Limit_a_handler_that_copies_the_body_into_new_content_is_not_recognised_and_sends_a_second_POST()
    {
        await using var server = await LoopbackAsync(createAnswered503Once: true);
        var services = new ServiceCollection().AddLogging();
        services.AddTryVoxClient(o => (o.ApiKey, o.BaseUrl) = (server.ApiKey, server.BaseUrl)).AddHttpMessageHandler(() => new BodyCopyingHandler());
        await using var provider = services.BuildServiceProvider();

        await Calls(provider, server).PostAsync(Wire.NewCall());

        // Documented in docs/errors-and-retries.md: the guard's token travels with the client's content, not its bytes.
        Assert.Equal(["POST 503", "POST 201"], server.Requests.Select(r => $"{r.Method} {r.StatusCode}"));
    }

    [Fact]
    public async Task Limit_handlers_inside_the_HttpClient_option_run_behind_the_guard_and_are_not_stopped()
    {
        await using var server = await LoopbackAsync(createAnswered503Once: true);
        using var http = new HttpClient(new ResendingHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } });
        var client = Wire.Client(server.BaseUrl, o => (o.ApiKey, o.HttpClient) = (server.ApiKey, http));

        await client.Voice.Accounts[server.AccountId].Calls.PostAsync(Wire.NewCall());

        // Documented on TryVoxClientOptions.HttpClient: prefer PrimaryHandler or AddTryVoxClient.
        Assert.Equal(["POST 503", "POST 201"], server.Requests.Select(r => $"{r.Method} {r.StatusCode}"));
    }

    private static ServiceProvider Services(TryVoxTestServer server, AppHandler handler, Action<TryVoxClientOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (handler == AppHandler.StandardResilienceForEveryClient)
        {
            services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        }

        var builder = services.AddTryVoxClient(o =>
        {
            o.ApiKey = server.ApiKey;
            o.BaseUrl = server.BaseUrl;
            o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1) };
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        _ = handler switch
        {
            AppHandler.StandardResilienceOnTheTryVoxClient => (object)builder.AddStandardResilienceHandler(),
            AppHandler.PollyRetryOfEverything => builder.AddResilienceHandler("retry-everything", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(1),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result!.StatusCode >= HttpStatusCode.InternalServerError),
            })),
            AppHandler.PolicyHandlerRetryOfEverything => builder.AddPolicyHandler(Policy<HttpResponseMessage>
                .Handle<Exception>()
                .OrResult(response => response.StatusCode >= HttpStatusCode.InternalServerError)
                .RetryAsync(3)),
            AppHandler.OwnResendingHandler => builder.AddHttpMessageHandler(() => new ResendingHandler()),
            _ => builder,
        };
        return services.BuildServiceProvider();
    }

    private static async Task<TryVoxTestServer> LoopbackAsync(bool createAnswered503Once = false)
    {
        var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });
        if (createAnswered503Once)
        {
            server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503), times: 1);
        }

        return server;
    }

    private static Voice.Accounts.Item.Calls.CallsRequestBuilder Calls(ServiceProvider services, TryVoxTestServer server) =>
        services.GetRequiredService<TryVoxClient>().Voice.Accounts[server.AccountId].Calls;

    /// <summary>The server records a dropped request once it is done with it, which can be just after the client saw the drop.</summary>
    private static async Task<IReadOnlyList<RecordedRequest>> RequestsAsync(TryVoxTestServer server, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (server.Requests.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        return server.Requests;
    }

    /// <summary>The TryVox.Client meter's counts of one key (by its hint), as "instrument status" in the order they were made.</summary>
    private sealed class WireMeters : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _shown = new();

        public WireMeters(string hint)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Diagnostics.TryVoxTelemetry.Name && instrument.Name != Diagnostics.TryVoxTelemetry.DurationInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            {
                var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
                if (Equals(all.GetValueOrDefault("tryvox.key.hint"), hint))
                {
                    _shown.Enqueue($"{instrument.Name} {all.GetValueOrDefault("http.response.status_code")}");
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Shown => [.. _shown];

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Re-sends a 503 as a new message whose content is a copy of the body's bytes.</summary>
    private sealed class BodyCopyingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || body is null)
            {
                return response;
            }

            response.Dispose();
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new ByteArrayContent(body) };
            copy.Content.Headers.ContentType = request.Content!.Headers.ContentType;
            foreach (var (name, values) in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            return await base.SendAsync(copy, cancellationToken);
        }
    }

    /// <summary>What applications write by hand: send again on 503 or when the network failed.</summary>
    private sealed class ResendingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
