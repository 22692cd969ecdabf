using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.Placement;

/// <summary>
/// A placement key on a create-call: the call it stands for is placed at most once, across retries, restarts and
/// every process that shares the <see cref="PlacementOptions.Ledger"/>. The same key again returns the recorded
/// call without sending anything (<see cref="Replayed"/> tells). Choose a key per intended call, such as a job id or
/// <c>campaign-42/+14155551234</c>. Read <see cref="Replayed"/> and <see cref="RecordedAt"/> after the request: use
/// one instance per request, as with Kiota's <c>HeadersInspectionHandlerOption</c>. See docs/placement-keys.md.
/// </summary>
/// <example><code>
/// var key = new PlacementKey("campaign-42/+14155551234");
/// var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(request, r => r.Options.Add(key));
/// if (key.Replayed) { /* placed before: call is the recorded one, and nothing was sent */ }
/// </code></example>
public sealed class PlacementKey : IRequestOption
{
    /// <summary>The longest key: 255 characters, as Stripe's idempotency keys.</summary>
    public const int MaxLength = 255;

    /// <summary>A key of 1 to <see cref="MaxLength"/> printable ASCII characters without spaces.</summary>
    /// <exception cref="ArgumentException">The key is empty, too long, or holds a space, control or non-ASCII character.</exception>
    public PlacementKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > MaxLength)
        {
            throw new ArgumentException(
                $"A placement key must be 1 to {MaxLength} characters long; this one has {value.Length}. " +
                "Use an id of the call you mean to place, such as a job id or campaign-42/+14155551234.", nameof(value));
        }

        var bad = value.AsSpan().IndexOfAnyExceptInRange('!', '~');
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"A placement key holds printable ASCII only, without spaces; this one has U+{(int)value[bad]:X4} at position {bad + 1}. " +
                "Use letters, digits and punctuation, such as campaign-42/+14155551234 or a UUID.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>
    /// After the request: true when its call had been placed before under this key and the recorded call was returned
    /// without sending anything; false when this request placed it (or failed).
    /// </summary>
    public bool Replayed { get; private set; }

    /// <summary>After the request: when the returned call was recorded against the key; null when the request failed.</summary>
    public DateTimeOffset? RecordedAt { get; private set; }

    /// <summary>The key itself.</summary>
    public override string ToString() => Value;

    internal void Reset() => (Replayed, RecordedAt) = (false, null);

    internal void Completed(bool replayed, DateTimeOffset recordedAt) => (Replayed, RecordedAt) = (replayed, recordedAt);
}
