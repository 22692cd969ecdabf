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
            case { RetryDelay: { } delay }:
                Retrying(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, a.RequestId, delay.TotalMilliseconds, a.Exception);
                break;
            case { StatusCode: >= 200 and < 400 }:
                Completed(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, a.RequestId);
                break;
            default:
                Failed(logger, a.Method, a.PathTemplate, a.Attempt, a.StatusCode, ms, a.RequestId, a.Exception);
                break;
        }
    }

    [LoggerMessage(4, LogLevel.Information, "TryVox client \"{Name}\": API key replaced from configuration; now {KeyHint}")]
    internal static partial void KeyRotated(ILogger logger, string name, string keyHint);

    [LoggerMessage(5, LogLevel.Warning, "TryVox client \"{Name}\": the new API key in configuration was refused and {KeyHint} is kept: {Problem}")]
    internal static partial void KeyRefused(ILogger logger, string name, string problem, string keyHint);

    [LoggerMessage(6, LogLevel.Warning, "{Message}")]
    internal static partial void EnvironmentMismatch(ILogger logger, string message);

    [LoggerMessage(1, LogLevel.Information, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
    private static partial void Completed(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string? requestId);

    [LoggerMessage(2, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt}: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId}); retrying in {RetryDelayMs:0} ms")]
    private static partial void Retrying(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string? requestId, double retryDelayMs, Exception? exception);

    [LoggerMessage(3, LogLevel.Warning, "TryVox {Method} {PathTemplate} attempt {Attempt} failed: {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
    private static partial void Failed(ILogger logger, string method, string pathTemplate, int attempt, int? statusCode, double elapsedMs, string? requestId, Exception? exception);
}
