using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// <see cref="TryVoxTestServerOptions.CallsPerSecond"/> and <see cref="TryVoxTestServerOptions.RequestsPerSecond"/>,
/// per account: a request is admitted while fewer than the limit were admitted in the second before it (an exact
/// sliding window of one second: the admitted requests' times, kept until they are more than a second old), else
/// it is answered 429 with <c>Retry-After</c> (whole seconds until a slot frees, at least 1) and the spec's
/// <c>RATE_LIMITED</c> body, and nothing is done. A refused request counts against no limit. The limits run after
/// routing and before faults and authentication, as an API gateway's would: the account is the key's, and a
/// request with an unknown key is not counted (it gets 401).
/// </summary>
internal sealed class RateLimits(TryVoxTestServerOptions options, ServerStore store, RequestClock clock, JsonSerializerOptions json)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Limit? _requestLimit = options.RequestsPerSecond is { } requests ? new(requests, "requests", nameof(options.RequestsPerSecond)) : null;
    private readonly Limit? _callLimit = options.CallsPerSecond is { } calls ? new(calls, "calls", nameof(options.CallsPerSecond)) : null;
    private readonly RequestClock _clock = clock;
    private readonly ConcurrentDictionary<string, Admitted> _accounts = new(StringComparer.Ordinal);

    public async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        if (ApiKeyAuthentication.AccountOf(context, store) is not { } account)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var isCall = TryVoxOperation.Of(context) == TryVoxOperation.CreateCall;
        if (_accounts.GetOrAdd(account, _ => new Admitted()).TryAdmit(this, isCall, RequestRecorder.Of(context)) is not { } refused)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var (limit, wait) = refused;
        var seconds = Math.Max(1, TryVoxFault.RetryAfterSeconds(wait));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ServerErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, ServerErrors.Body("RATE_LIMITED",
                $"Too many {limit.What}: account {account} is limited to {limit.PerSecond} per second " +
                $"(TryVoxTestServerOptions.{limit.Option}); retry after {seconds} s"), json)
            .ConfigureAwait(false);
    }

    private sealed record Limit(int PerSecond, string What, string Option);

    /// <summary>One account's admitted requests and calls of the last second, oldest first.</summary>
    private sealed class Admitted
    {
        private readonly Lock _lock = new();
        private readonly Queue<DateTimeOffset> _requests = [];
        private readonly Queue<DateTimeOffset> _calls = [];

        /// <summary>Null when admitted; else the limit that refused the request and how long until it would admit one.</summary>
        public (Limit Limit, TimeSpan Wait)? TryAdmit(RateLimits limits, bool isCall, RequestRecorder.Recording recording)
        {
            lock (_lock)
            {
                // Judged and recorded at one instant, under the lock: no window of recorded times holds more than a limit admits.
                var now = limits._clock.Now;
                recording.ReceivedAt = now;
                var refused = Full(_requests, limits._requestLimit, now) ?? (isCall ? Full(_calls, limits._callLimit, now) : null);
                if (refused is not null)
                {
                    return refused;
                }

                if (limits._requestLimit is not null)
                {
                    _requests.Enqueue(now);
                }

                if (isCall && limits._callLimit is not null)
                {
                    _calls.Enqueue(now);
                }

                return null;
            }
        }

        /// <summary>
        /// The limit and the wait until its oldest admission leaves the window, when the window is full. An admission
        /// leaves once it is strictly more than a second old, so two on the same slot are more than a second apart.
        /// </summary>
        private static (Limit, TimeSpan)? Full(Queue<DateTimeOffset> admitted, Limit? limit, DateTimeOffset now)
        {
            while (admitted.TryPeek(out var oldest) && now - oldest > Window)
            {
                admitted.Dequeue();
            }

            return limit is not null && admitted.Count >= limit.PerSecond ? (limit, admitted.Peek() + Window - now) : null;
        }
    }
}
