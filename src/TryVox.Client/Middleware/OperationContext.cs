using System.Diagnostics;
using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.Middleware;

/// <summary>
/// One operation's state, shared by the request adapter and the retry handler: the adapter attaches it to
/// the request (Kiota copies request options onto the <see cref="HttpRequestMessage"/>), the handler
/// records each attempt in it, and the adapter reads it to shape what the caller sees.
/// </summary>
internal sealed class OperationContext : IRequestOption
{
    public const string RequestIdHeader = "X-Request-ID";

    private OperationContext(string method, string pathTemplate, TimeSpan timeout)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Timeout = timeout;
        Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public string Method { get; }

    /// <summary>The path template without the base URL or query, such as <c>/account/{account_id}/numbers</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>The whole operation's time limit, <see cref="TryVoxClientOptions.Timeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp by which the operation must end.</summary>
    public long Deadline { get; }

    public int Attempts { get; set; }

    /// <summary>The last response's status, request id and <c>Retry-After</c>; cleared when an attempt got no response.</summary>
    public int? StatusCode { get; private set; }

    public string? RequestId { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>"GET /account/{account_id}/numbers": names the operation without ids, keys or query.</summary>
    public string Operation => $"{Method} {PathTemplate}";

    public TimeSpan Remaining => Deadline == long.MaxValue ? System.Threading.Timeout.InfiniteTimeSpan : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Deadline);

    /// <summary>
    /// The timeout to report for an attempt ended by time: the operation's once its deadline has passed
    /// (both limits can elapse together), otherwise the attempt's own.
    /// </summary>
    public Models.TryVoxTimeoutException TimedOut(TimeSpan attemptTimeout, Exception cause) =>
        Deadline != long.MaxValue && Stopwatch.GetTimestamp() >= Deadline
            ? new(Operation, "the whole operation", Timeout, Attempts, cause)
            : new(Operation, "the attempt", attemptTimeout, Attempts, cause);

    public static OperationContext Attach(RequestInformation request, TimeSpan timeout)
    {
        var template = request.UrlTemplate ?? string.Empty;
        template = template.Replace("{+baseurl}", string.Empty, StringComparison.Ordinal);
        var query = template.IndexOf("{?", StringComparison.Ordinal);
        var context = new OperationContext(request.HttpMethod.ToString(), query < 0 ? template : template[..query], timeout);
        request.AddRequestOptions([context]);
        return context;
    }

    /// <summary>For a request sent through the handlers without the adapter: named by its path alone.</summary>
    public static OperationContext For(HttpRequestMessage request) =>
        new(request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, System.Threading.Timeout.InfiniteTimeSpan);

    public void Record(HttpResponseMessage? response)
    {
        StatusCode = response is null ? null : (int)response.StatusCode;
        RequestId = response?.Headers.TryGetValues(RequestIdHeader, out var ids) == true ? ids.FirstOrDefault() : null;
        RetryAfter = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            // An HTTP-date is read against the response's own Date, so a skewed local clock does not matter.
            { Date: { } date } => Max(date - (response.Headers.Date ?? DateTimeOffset.UtcNow), TimeSpan.Zero),
            _ => null,
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
