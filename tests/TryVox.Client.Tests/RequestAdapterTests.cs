using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>
/// The request adapter's Kiota entry points that today's spec does not use (an operation it gains may return a
/// number, a list, or nothing) send the same wire request and read their answers as Kiota's adapter would.
/// </summary>
public sealed class RequestAdapterTests
{
    private const string CallJson = """{"id":"call_1","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer"}""";

    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new() { ["XXX"] = TryVoxError.CreateFromDiscriminatorValue };

    [Fact]
    public async Task A_single_value_a_list_of_values_and_a_list_of_models_are_read_from_their_answers()
    {
        var answers = new Queue<string>(["42", """["a","b"]""", $"[{CallJson}]", "\"2026-01-01T12:00:00Z\""]);
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, answers.Dequeue()));
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        Assert.Equal(42, await adapter.SendPrimitiveAsync<int?>(Numbers(), Errors));
        Assert.Equal(["a", "b"], await adapter.SendPrimitiveCollectionAsync<string>(Numbers(), Errors) ?? []);
        Assert.Equal(["call_1"], (await adapter.SendCollectionAsync(Numbers(), Call.CreateFromDiscriminatorValue, Errors) ?? []).Select(c => c.Id));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), await adapter.SendPrimitiveAsync<DateTimeOffset?>(Numbers(), Errors));

        Assert.All(server.Requests, r => Assert.Equal(("GET", "/v1/account/AC123456/numbers", "Bearer " + TestKeys.Sandbox), (r.Method, r.PathAndQuery, r.Header("Authorization"))));
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task No_content_completes_and_an_error_answer_still_throws_the_typed_error()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            if (count == 1)
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            }

            return Fixtures.Error(context, 404, "NOT_FOUND", "No such account");
        });
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        await adapter.SendNoContentAsync(Numbers(), Errors);
        var error = await Assert.ThrowsAsync<TryVoxError>(() => adapter.SendPrimitiveAsync<string>(Numbers(), Errors));

        Assert.Equal((404, "NOT_FOUND", "No such account"), (error.ResponseStatusCode, error.Code, error.Message));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_204_where_a_value_was_asked_for_is_null()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        Assert.Null(await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Null(await adapter.SendPrimitiveCollectionAsync<string>(Numbers(), Errors));
    }

    [Fact]
    public async Task The_native_request_is_the_message_the_client_would_send()
    {
        using var pipeline = Pipeline(TryVoxClientOptions.DefaultBaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        var message = await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(Numbers());

        Assert.NotNull(message);
        Assert.Equal((HttpMethod.Get, "https://api.tryvox.io/v1/account/AC123456/numbers"), (message.Method, message.RequestUri!.AbsoluteUri));
        Assert.Equal("Bearer " + TestKeys.Sandbox, message.Headers.Authorization!.ToString());
        Assert.Equal("The TryVox client's native request is an HttpRequestMessage, not a String.",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => adapter.ConvertToNativeRequestAsync<string>(Numbers()))).Message);
        await Assert.ThrowsAsync<ArgumentNullException>(() => adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(null!));
    }

    [Fact]
    public void The_base_url_is_fixed_when_the_client_is_built_and_there_is_no_backing_store()
    {
        using var pipeline = Pipeline(TryVoxClientOptions.DefaultBaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        Assert.Equal("https://api.tryvox.io/v1", adapter.BaseUrl);
        adapter.BaseUrl = "https://api.tryvox.io/v1/";
        Assert.Equal("The TryVox client's base URL is fixed when it is built: set TryVoxClientOptions.BaseUrl.",
            Assert.Throws<InvalidOperationException>(() => adapter.BaseUrl = "https://evil.example/v1").Message);
        Assert.Throws<InvalidOperationException>(() => adapter.BaseUrl = null);
        Assert.Equal("The TryVox client's models do not use a backing store.",
            Assert.Throws<NotSupportedException>(() => adapter.EnableBackingStore(new InMemoryBackingStoreFactory())).Message);
        Assert.Equal("application/json", adapter.SerializationWriterFactory.ValidContentType);
    }

    public static TheoryData<int, string> ErrorStatuses => new()
    {
        { 300, "XXX" }, { 399, "XXX" }, { 400, "4XX" }, { 404, "404" }, { 499, "4XX" }, { 500, "5XX" }, { 599, "5XX" }, { 600, "XXX" },
    };

    [Theory]
    [MemberData(nameof(ErrorStatuses))]
    public async Task An_error_status_is_read_by_its_exact_mapping_then_its_4XX_or_5XX_range_then_XXX(int status, string expected)
    {
        // Today's spec maps every error to one model; an operation it gains may map each range to its own.
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, status, "{}"));
        using var pipeline = Pipeline(server.BaseUrl, RetryPolicy.None);
        var mapping = MappedError.For("404");

        var error = await Assert.ThrowsAsync<MappedError>(() => new TryVoxRequestAdapter(pipeline, null).SendPrimitiveAsync<string>(Numbers(), mapping));

        Assert.Equal((expected, status), (error.Mapping, error.ResponseStatusCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_status_with_no_mapping_or_a_mapping_to_no_exception_is_an_ApiException_with_its_status_and_headers()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers["X-Request-ID"] = "req_9";
            return LoopbackServer.Json(context, 418, "{}");
        });
        using var pipeline = Pipeline(server.BaseUrl, RetryPolicy.None);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        var unmapped = await Assert.ThrowsAsync<ApiException>(() => adapter.SendPrimitiveAsync<string>(Numbers(), null));
        var otherRange = await Assert.ThrowsAsync<ApiException>(() => adapter.SendPrimitiveAsync<string>(Numbers(), new() { ["5XX"] = TryVoxError.CreateFromDiscriminatorValue }));
        var notAnException = await Assert.ThrowsAsync<ApiException>(() => adapter.SendPrimitiveAsync<string>(Numbers(), new() { ["4XX"] = Call.CreateFromDiscriminatorValue }));

        Assert.All([unmapped, otherRange], e => Assert.Equal("The server returned an unexpected status code and no error factory is registered for this code: 418", e.Message));
        Assert.Equal("The server returned an unexpected status code and the error registered for this code failed to deserialize: 418", notAnException.Message);
        Assert.All([unmapped, otherRange, notAnException], e => Assert.Equal((418, "req_9"), (e.ResponseStatusCode, e.ResponseHeaders["x-request-id"].Single())));
    }

    [Fact]
    public async Task An_operation_that_returns_nothing_ignores_a_body_and_one_that_returns_a_value_reads_none_as_null()
    {
        var answers = new Queue<(string Type, string Body)>([("application/json", """{"id":"x"}"""), ("application/json", ""), ("text/html", "<p>ok</p>")]);
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            var (type, body) = answers.Dequeue();
            return LoopbackServer.Reply(context, 200, type, body);
        });
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        await adapter.SendNoContentAsync(Numbers(), Errors);
        Assert.Null(await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Null(await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_body_is_read_as_JSON_when_its_type_is_JSON_or_ends_in_plus_json_and_not_without_a_type()
    {
        var types = new Queue<string?>(["application/vnd.tryvox+json; charset=utf-8", "APPLICATION/JSON", null]);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (types.Dequeue() is { } type)
            {
                context.Response.ContentType = type;
            }

            await context.Response.Body.WriteAsync("\"value\""u8.ToArray());
        });
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        Assert.Equal("value", await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Equal("value", await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Null(await adapter.SendPrimitiveAsync<string>(Numbers(), Errors));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_value_that_is_not_valid_JSON_is_an_invalid_response_naming_the_result_and_no_request_is_refused()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, "{"));
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => adapter.SendPrimitiveAsync<string>(Numbers(), Errors));

        Assert.StartsWith("GET /account/{account_id}/numbers answered 200, but its body is not valid JSON for the result: ", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(() => adapter.SendAsync(null!, Call.CreateFromDiscriminatorValue, Errors));
    }

    [Fact]
    public async Task A_stream_result_is_the_bodys_bytes_and_an_empty_body_is_null()
    {
        var answers = new Queue<string>(["raw \u0000 bytes", ""]);
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Reply(context, 200, "application/octet-stream", answers.Dequeue()));
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        using var stream = await adapter.SendPrimitiveAsync<Stream>(Numbers(), Errors);
        Assert.False(stream!.CanWrite);
        Assert.Equal("raw \u0000 bytes", new StreamReader(stream).ReadToEnd());
        Assert.Null(await adapter.SendPrimitiveAsync<Stream>(Numbers(), Errors));
    }

    [Fact]
    public async Task A_body_that_can_be_read_only_once_is_sent_once_even_when_the_answer_asks_for_a_retry()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 429, "RATE_LIMITED", "slow down"));
        using var pipeline = Pipeline(server.BaseUrl);
        var adapter = new TryVoxRequestAdapter(pipeline, null);

        var once = Upload(new OneWayStream(System.Text.Encoding.UTF8.GetBytes("first")));
        var error = await Assert.ThrowsAsync<TryVoxError>(() => adapter.SendPrimitiveAsync<string>(once, Errors));
        var seekable = Upload(new MemoryStream("second"u8.ToArray()));
        await Assert.ThrowsAsync<TryVoxError>(() => adapter.SendPrimitiveAsync<string>(seekable, Errors));

        Assert.Equal((429, 1), (error.ResponseStatusCode, error.Attempts));
        // The seekable body was sent again after each 429, whole each time: 1 + 3 retries.
        Assert.Equal(["first", "second", "second", "second", "second"], server.Requests.Select(r => r.Body));
        Assert.All(server.Requests, r => Assert.Equal(("PUT", "/v1/account/AC123456/numbers"), (r.Method, r.PathAndQuery)));
        // The operation is done with the request's body, so it is released.
        Assert.All([once.Content!, seekable.Content!], body => Assert.False(body.CanRead));
    }

    [Fact]
    public async Task A_request_without_a_body_that_may_act_is_guarded_against_a_second_send_too()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        // An IHttpClientFactory client: the application's re-sending handler in front of the guard.
        using var http = new HttpClient(new ResendingHandler { InnerHandler = new SendOnce.SendOnceHandler { InnerHandler = new SocketsHttpHandler() } });
        using var pipeline = new Http.ClientSettings(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, BaseUrl = server.BaseUrl }, http);
        var request = new RequestInformation { HttpMethod = Method.DELETE, UrlTemplate = "{+baseurl}/account/{account_id}/numbers" };
        request.PathParameters["account_id"] = "AC123456";

        var error = await Assert.ThrowsAsync<TryVoxResendRefusedException>(() => new TryVoxRequestAdapter(pipeline, null).SendNoContentAsync(request, Errors));

        Assert.Equal(("DELETE", "", 503, true), (Assert.Single(server.Requests).Method, server.Requests.Single().Body, error.ResponseStatusCode, error.OutcomeUnknown));
    }

    [Fact]
    public async Task The_builders_headers_go_out_but_those_the_client_sets_and_its_request_options_reach_the_applications_handlers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var seen = new List<string>();
        var options = new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, BaseUrl = server.BaseUrl, PrimaryHandler = new OptionsHandler(seen) { InnerHandler = new SocketsHttpHandler() } };
        using var pipeline = new Http.ClientSettings(options);
        var request = Numbers();
        request.Headers.Add("Accept", "text/plain");
        request.Headers.Add("X-Trace", "t1");
        request.Headers.Add("User-Agent", "mine/1");
        request.Headers.Add("Authorization", "Bearer someone-elses");
        request.AddRequestOptions([new RequestOptions.TenantOption("tenant_xyz")]);

        await new TryVoxRequestAdapter(pipeline, null).SendNoContentAsync(request, Errors);

        var sent = Assert.Single(server.Requests);
        Assert.Equal(("application/json, text/plain", "t1", "Bearer " + TestKeys.Sandbox, "tenant_xyz", pipeline.UserAgent),
            (sent.Header("Accept"), sent.Header("X-Trace"), sent.Header("Authorization"), sent.Header("X-Tenant-ID"), sent.Header("User-Agent")));
        Assert.Equal(["TryVox.Client.RequestOptions.TenantOption"], seen);
    }

    private static Http.ClientSettings Pipeline(Uri baseUrl, RetryPolicy? retry = null) => new(new TryVoxClientOptions
    {
        ApiKey = TestKeys.Sandbox,
        BaseUrl = baseUrl,
        Retry = retry ?? new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1) },
    });

    private static RequestInformation Upload(Stream body)
    {
        var request = new RequestInformation { HttpMethod = Method.PUT, UrlTemplate = "{+baseurl}/account/{account_id}/numbers" };
        request.PathParameters["account_id"] = "AC123456";
        request.SetStreamContent(body, "application/octet-stream");
        return request;
    }

    /// <summary>An application's handler that sends a request again when it is answered 503.</summary>
    private sealed class ResendingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode != 503)
            {
                return response;
            }

            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>An application's handler that notes the Kiota request options it can read from the message.</summary>
    private sealed class OptionsHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.AddRange(request.Options.Where(o => o.Value is IRequestOption).Select(o => o.Key));
            return base.SendAsync(request, cancellationToken);
        }
    }


    private static RequestInformation Numbers()
    {
        var request = new RequestInformation { HttpMethod = Method.GET, UrlTemplate = "{+baseurl}/account/{account_id}/numbers" };
        request.PathParameters["account_id"] = "AC123456";
        request.Headers.TryAdd("Accept", "application/json");
        return request;
    }
}
