using TryVox.Client.Diagnostics;

namespace TryVox.Client.Tests;

/// <summary>Shared test fixtures: clients with the real policy and tiny backoffs (so the suite stays fast), a call to place, canned bodies.</summary>
public static class Fixtures
{
    public static TryVoxClientOptions Fast(LoopbackServer server, int maxRetries = 3, Action<TryVoxAttempt>? onAttempt = null) => new()
    {
        ApiKey = TestKeys.Sandbox,
        BaseUrl = server.BaseUrl,
        Retry = new RetryPolicy { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
        OnAttempt = onAttempt,
    };

    public static TryVoxClient Client(LoopbackServer server, int maxRetries = 3) => TryVoxClientFactory.Create(Fast(server, maxRetries));

    public static Models.CreateCallRequest NewCall() => new() { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer" };

    public const string CallJson = """{"id":"call_7f3c2a","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued"}""";

    public const string NumbersJson = """{"data":[{"e164":"+919876543210","country":"IN","status":"active"}]}""";

    public static Task Error(Microsoft.AspNetCore.Http.HttpContext context, int status, string code = "BUSY", string message = "Try again later") =>
        LoopbackServer.Json(context, status, $$$"""{"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""");
}
