using Microsoft.Kiota.Abstractions;
using TryVox.Client.Models;
using TryVox.Client.Voice.Accounts.Item.Calls;

namespace TryVox.Client;

/// <summary>
/// Resolving a create-call whose outcome is unknown: it failed after it may have reached the server (a 5xx, a
/// timeout, a connection cut after sending), so a phone may be ringing. Look before placing it again.
/// </summary>
/// <example><code>
/// var started = DateTimeOffset.UtcNow;
/// try
/// {
///     return await calls.PostAsync(request);
/// }
/// catch (ApiException e) when (e.IsOutcomeUnknown())
/// {
///     var placed = await calls.FindAsync(request, started);
///     if (placed.Count > 0) return placed[0];   // it was placed: do not place it again
///     return await calls.PostAsync(request);     // it was not
/// }
/// </code></example>
public static class CallOutcome
{
    /// <summary>How much earlier than <c>since</c> a call may be stamped and still count: the server's clock may run behind this one.</summary>
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(2);

    /// <summary>Whether the failure leaves open that the server acted on the request (<c>OutcomeUnknown</c> of any TryVox failure).</summary>
    public static bool IsOutcomeUnknown(this ApiException exception) => exception is ITryVoxFailure { OutcomeUnknown: true };

    /// <summary>
    /// The calls of this account (and tenant: use the same client as for the create, or pass its
    /// <see cref="RequestOptions.TenantOption"/> in <paramref name="options"/>) with <paramref name="request"/>'s
    /// <c>from</c>, <c>to</c> and <c>answer_url</c>, created at or after <paramref name="since"/> less
    /// <see cref="ClockAllowance"/>; a call without a creation time counts. None means the create did not place its
    /// call; more than one means identical calls were placed in that time. It lists calls with the operation's
    /// default query, whatever query parameters the API description gives the list.
    /// </summary>
    public static async Task<IReadOnlyList<Call>> FindAsync(
        this CallsRequestBuilder calls, CreateCallRequest request, DateTimeOffset since,
        IEnumerable<IRequestOption>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(request);
        // The lambda's type follows the list's request configuration, whichever query parameters the spec gives it.
        var list = await calls.GetAsync(
            configuration =>
            {
                foreach (var option in options ?? [])
                {
                    configuration.Options.Add(option);
                }
            },
            cancellationToken).ConfigureAwait(false);
        var earliest = since - ClockAllowance;
        return list?.Data?.Where(call => call.From == request.From && call.To == request.To && call.AnswerUrl == request.AnswerUrl
            && (call.CreatedAt is null || call.CreatedAt >= earliest)).ToList() ?? [];
    }
}
