using Microsoft.Extensions.Logging;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.DependencyInjection;

/// <summary>Logs each TryVox attempt to an <see cref="ILogger"/>: method, path template, status, attempt and duration; never headers, bodies or the key.</summary>
public static partial class TryVoxLogging
{
    /// <summary>The logger category <c>AddTryVoxClient</c> uses.</summary>
    public const string Category = "TryVox.Client";

    /// <summary>Adds logging to <paramref name="logger"/> to <see cref="TryVoxClientOptions.OnAttempt"/>, keeping any callback already set.</summary>
    /// <example><code>
    /// using var client = new TryVoxClient(new TryVoxClientOptions().LogTo(logger));
    /// </code></example>
    public static TryVoxClientOptions LogTo(this TryVoxClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.OnAttempt += attempt => Log(logger, attempt);
        return options;
    }

    private static void Log(ILogger logger, TryVoxAttempt a)
    {
        var ms = a.Duration.TotalMilliseconds;
        switch (a)
        {
            case { RetryDelay: { } delay, RequestId: { } id }:
                RetryingRequest(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, id, delay.TotalMilliseconds, a.Exception);
                break;
            case { RetryDelay: { } delay }:
                Retrying(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, delay.TotalMilliseconds, a.Exception);
                break;
            case { StatusCode: >= 200 and < 400, RequestId: { } id }:
                CompletedRequest(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, id);
                break;
            case { StatusCode: >= 200 and < 400 }:
                Completed(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms);
                break;
            case { RequestId: { } id }:
                FailedRequest(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, id, a.Exception);
                break;
            default:
                Failed(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, a.Exception);
                break;
        }
    }

    /// <summary>How a log line names a client: the unnamed one as it is registered, a named one by its name.</summary>
    internal static string ClientName(string name) => string.IsNullOrEmpty(name) ? "The TryVox client" : $"The TryVox client \"{name}\"";

    [LoggerMessage(4, LogLevel.Information, "{Client} now sends the API key {KeyHint}, replaced from configuration")]
    internal static partial void KeyRotated(ILogger logger, string client, string keyHint);

    [LoggerMessage(5, LogLevel.Warning, "{Client} refused the new API key in configuration and keeps sending {KeyHint}. {Problem}")]
    internal static partial void KeyRefused(ILogger logger, string client, string problem, string keyHint);

    [LoggerMessage(6, LogLevel.Warning, "{Message}")]
    internal static partial void EnvironmentMismatch(ILogger logger, string message);

    // Each line with and without the request id: an answer without X-Request-ID has none to show.
    [LoggerMessage(1, LogLevel.Information, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Completed(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs);

    [LoggerMessage(7, LogLevel.Information, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
    private static partial void CompletedRequest(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string requestId);

    [LoggerMessage(2, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms; retrying in {RetryDelayMs:0} ms")]
    private static partial void Retrying(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, double retryDelayMs, Exception? exception);

    [LoggerMessage(8, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId}); retrying in {RetryDelayMs:0} ms")]
    private static partial void RetryingRequest(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string requestId, double retryDelayMs, Exception? exception);

    [LoggerMessage(3, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt} failed: {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Failed(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, Exception? exception);

    [LoggerMessage(9, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt} failed: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
    private static partial void FailedRequest(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string requestId, Exception? exception);
}
