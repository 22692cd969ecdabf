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

    private static Http.ClientPipeline Pipeline(Uri baseUrl) => new(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, BaseUrl = baseUrl });

    private static RequestInformation Numbers()
    {
        var request = new RequestInformation { HttpMethod = Method.GET, UrlTemplate = "{+baseurl}/account/{account_id}/numbers" };
        request.PathParameters["account_id"] = "AC123456";
        request.Headers.TryAdd("Accept", "application/json");
        return request;
    }
}
