using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// A primary handler that answers every request in memory with <see cref="Answer"/> and keeps the messages the client
/// sent: thousands of property cases run through the client's whole pipeline in seconds, without sockets.
/// </summary>
internal sealed class InMemoryApi(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public static readonly Uri BaseUrl = new("http://127.0.0.1:9/v1");

    public ConcurrentQueue<HttpRequestMessage> Sent { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; } = answer;

    public static HttpResponseMessage Json(HttpStatusCode status, string json) => Bytes(status, Encoding.UTF8.GetBytes(json));

    public static HttpResponseMessage Bytes(HttpStatusCode status, byte[] body, string mediaType = "application/json") =>
        new(status) { Content = new ByteArrayContent(body) { Headers = { ContentType = new(mediaType) } } };

    /// <summary>A client of this handler: no retries, so one case is one request.</summary>
    public TryVoxClient Client(string apiKey = Wire.Key, string? tenantId = null) => new(new TryVoxClientOptions
    {
        ApiKey = apiKey,
        BaseUrl = BaseUrl,
        TenantId = tenantId,
        PrimaryHandler = this,
        Retry = RetryPolicy.None,
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request);
        return Task.FromResult(Answer(request));
    }
}
