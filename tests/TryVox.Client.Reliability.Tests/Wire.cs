using System.Net;
using System.Net.Sockets;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>What the reliability tests share: a fake key, the reference's bodies, and clients with tiny backoffs.</summary>
internal static class Wire
{
    /// <summary>A fake sandbox key in the documented format; tests talk only to 127.0.0.1.</summary>
    public const string Key = "tvx_sk_test_R3liab1lity9x7Q";

    public const string CallJson = """{"id":"call_7f3c2a","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued","created_at":"2026-01-01T12:00:00Z"}""";

    public const string NumbersJson = """{"data":[{"e164":"+919876543210","country":"IN","status":"active"}]}""";

    public const string CallsJson = "{\"data\":[" + CallJson + "]}";

    /// <summary>The reference's create-call example.</summary>
    public static CreateCallRequest NewCall(string to = "+14155551234") => new() { From = "+919876543210", To = to, AnswerUrl = "https://your-app.com/answer" };

    /// <summary>Options for <paramref name="baseUrl"/>: the real retry policy with a 1 ms backoff, so retries cost no time.</summary>
    public static TryVoxClientOptions Options(Uri baseUrl, int maxRetries = 3) => new()
    {
        ApiKey = Key,
        BaseUrl = baseUrl,
        Retry = new RetryPolicy { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
    };

    public static TryVoxClient Client(Uri baseUrl, Action<TryVoxClientOptions>? configure = null)
    {
        var options = Options(baseUrl);
        configure?.Invoke(options);
        return new TryVoxClient(options);
    }

    /// <summary>A port on 127.0.0.1 that nobody listens on: connections to it are refused.</summary>
    public static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
