using System.Net.Http.Headers;
using System.Text;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>What the tests share: both hosting modes, the reference's example call, and a bounded wait for the server's records.</summary>
internal static class Servers
{
    public static TheoryData<TryVoxTestServerMode> BothModes => [TryVoxTestServerMode.InMemory, TryVoxTestServerMode.Loopback];

    public static Task<TryVoxTestServer> StartAsync(TryVoxTestServerMode mode, Action<TryVoxTestServerOptions>? configure = null)
    {
        var options = new TryVoxTestServerOptions { Mode = mode };
        configure?.Invoke(options);
        return TryVoxTestServer.StartAsync(options);
    }

    /// <summary>The reference's create-call example.</summary>
    public static CreateCallRequest ReferenceCall(string to = "+14155551234") =>
        new() { From = "+919876543210", To = to, AnswerUrl = "https://your-app.com/answer" };

    /// <summary>A request for the server's raw <see cref="TryVoxTestServer.CreateHttpClient"/>: a path under the base URL, a Bearer key, a JSON body.</summary>
    public static HttpRequestMessage RawRequest(HttpMethod method, string path, string apiKey, string? json = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, mediaType);
        }

        return request;
    }

    /// <summary>
    /// The server records a request when it has finished with it, which for a request the client gave up on
    /// (or whose connection was dropped) can be just after the client saw the failure. Waits up to 30 s: the
    /// abort reaches the server in milliseconds, a loaded machine may take seconds.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedRequest>> RequestsAsync(TryVoxTestServer server, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (server.Requests.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        return server.Requests;
    }
}
