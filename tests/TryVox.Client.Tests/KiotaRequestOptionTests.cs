using System.Net;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace TryVox.Client.Tests;

/// <summary>
/// Kiota's own request options, on the wire: those whose meaning fits the client are honoured as Kiota's handlers
/// honour them; the others are refused before anything is sent, naming what to use instead, never ignored.
/// </summary>
public sealed class KiotaRequestOptionTests
{
    [Fact]
    public async Task Header_inspection_sees_the_headers_sent_and_received_with_the_key_shown_as_its_hint()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_123";
            return LoopbackServer.Json(context, 200, Fixtures.NumbersJson);
        });
        var inspection = new HeadersInspectionHandlerOption { InspectRequestHeaders = true, InspectResponseHeaders = true };

        await TestKeys.Client(server, tenantId: "tenant_xyz").Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(inspection));

        Assert.Equal(["Bearer tvx_sk_test_…" + TestKeys.Sandbox[^4..]], inspection.RequestHeaders["Authorization"]);
        Assert.Equal(["tenant_xyz"], inspection.RequestHeaders["X-Tenant-ID"]);
        Assert.Equal(["application/json"], inspection.RequestHeaders["Accept"]);
        Assert.DoesNotContain(inspection.RequestHeaders, h => h.Value.Any(v => v.Contains(TestKeys.Sandbox, StringComparison.Ordinal)));
        Assert.Equal(["req_123"], inspection.ResponseHeaders["X-Request-ID"]);
        Assert.Equal(["application/json"], inspection.ResponseHeaders["Content-Type"]);
        Assert.Equal("Bearer " + TestKeys.Sandbox, Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task A_response_handler_gets_the_final_answer_after_the_clients_retries_and_keeps_it()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
            count == 1 ? Fixtures.Error(context, 503) : Fixtures.Error(context, 404, "NOT_FOUND", "No such account"));
        var native = new NativeResponseHandler();

        var result = await TestKeys.Client(server).Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(new ResponseHandlerOption { ResponseHandler = native }));

        Assert.Null(result);
        var response = Assert.IsType<HttpResponseMessage>(native.Value);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NOT_FOUND", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_response_handler_gets_a_success_unread()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 201, Fixtures.CallJson));
        var native = new NativeResponseHandler();

        await TestKeys.Client(server).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r => r.Options.Add(new ResponseHandlerOption { ResponseHandler = native }));

        var response = Assert.IsType<HttpResponseMessage>(native.Value);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Fixtures.CallJson, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<IRequestOption, string> Refused => new()
    {
        { new RetryHandlerOption(), "RetryHandlerOption, so it would be ignored: set TryVoxClientOptions.Retry, or add a TryVox.Client.RequestOptions.RetryOption to the request." },
        { new RedirectHandlerOption(), "RedirectHandlerOption, so it would be ignored: the client follows up to 5 redirects itself, never from https to http, with the key only to the API's origin." },
        { new UserAgentHandlerOption(), "UserAgentHandlerOption, so it would be ignored: set TryVoxClientOptions.ApplicationId, which the User-Agent carries." },
        { new ChaosHandlerOption(), "ChaosHandlerOption, so it would be ignored: inject faults with TryVox.Client.Testing's TryVoxTestServer.Faults." },
        { new UriReplacementHandlerOption(false, new Dictionary<string, string>()), "UriReplacementHandlerOption, so it would be ignored: set TryVoxClientOptions.BaseUrl." },
        { new ParametersNameDecodingOption(), "ParametersNameDecodingOption, so it would be ignored: the client sends query parameter names as the API description spells them." },
        { new TelemetryHandlerOption(), "TelemetryHandlerOption, so it would be ignored: add a DelegatingHandler (AddTryVoxClient(…).AddHttpMessageHandler) or use TryVoxClientOptions.OnAttempt." },
        { new BodyInspectionHandlerOption(), "BodyInspectionHandlerOption, so it would be ignored: read the answer yourself with a ResponseHandlerOption (Kiota's NativeResponseHandler), or inspect headers with HeadersInspectionHandlerOption." },
        { new ObservabilityOptions(), "ObservabilityOptions, so it would be ignored: the client's spans and metrics come from the TryVox.Client ActivitySource and Meter (docs/monitoring.md)." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_Kiota_handler_option_the_client_does_not_use_is_refused_before_anything_is_sent(IRequestOption option, string message)
    {
        await using var server = await LoopbackServer.StartAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => TestKeys.Client(server).Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(option)));

        Assert.Equal("The TryVox client does not use Kiota's " + message, error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_option_of_the_applications_own_reaches_its_handlers_as_Kiotas_convention_has_it()
    {
        await using var server = await LoopbackServer.StartAsync();
        var seen = new List<object?>();
        using var handler = new ObservingHandler(request => seen.Add(((IDictionary<string, object?>)request.Options).TryGetValue(typeof(OwnOption).FullName!, out var o) ? o : null));
        var own = new OwnOption();
        using var client = new TryVoxClient(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, BaseUrl = server.BaseUrl, PrimaryHandler = handler });

        await client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(own));

        Assert.Same(own, Assert.Single(seen));
    }

    private sealed class OwnOption : IRequestOption;

    private sealed class ObservingHandler(Action<HttpRequestMessage> observe) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            observe(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
