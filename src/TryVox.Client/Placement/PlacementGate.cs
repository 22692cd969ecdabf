using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.Http;
using TryVox.Client.RequestOptions;
using TryVox.Client.Models;
using TryVox.Client.Serialization;
using TryVox.Client.Voice.Accounts.Item.Calls;

namespace TryVox.Client.Placement;

/// <summary>What the adapter hands the gate about a create-call that carries a placement key: checked, and ready to send.</summary>
/// <param name="Adapter">The adapter, for the lookup of an unknown outcome (a list calls through the same client).</param>
/// <param name="Info">The request: its body (fingerprinted) and path parameters (for the lookup).</param>
/// <param name="Operation">The operation: only a create-call may carry a key.</param>
/// <param name="Url">The create-call's URL: its origin and path (the account) namespace the key.</param>
/// <param name="ApiKey">The key the request is sent with: its hash namespaces the placement key.</param>
/// <param name="Tenant">The tenant the request is sent for (the lookup asks for the same).</param>
/// <param name="Host">For the metrics' tags.</param>
/// <param name="Timeout">The operation's time limit: a claim's lease ends <see cref="PlacementGate.LeaseAllowance"/> after it.</param>
/// <param name="Options">The client's validated placement options.</param>
internal readonly record struct PlacementRequest(
    IRequestAdapter Adapter, RequestInformation Info, Operation Operation, Uri Url, TryVoxApiKey ApiKey, string? Tenant, string Host,
    TimeSpan Timeout, PlacementOptions Options);

/// <summary>
/// Runs a create-call that carries a <see cref="PlacementKey"/>: claims the key in the ledger before anything is sent,
/// records the answer against it, and answers a repeat from the record. The adapter calls <see cref="RunAsync"/> around
/// its attempts; the attempts hand each 2xx body they read to the <see cref="PlacementRecorder"/> they are given.
/// </summary>
internal static class PlacementGate
{
    /// <summary>The one operation a placement key applies to: the only one a lookup can resolve.</summary>
    internal const string CreateCallTemplate = "/voice/accounts/{auth_id}/calls";

    /// <summary>How long after its operation's time limit a claim is still held: time to record the answer.</summary>
    internal static readonly TimeSpan LeaseAllowance = TimeSpan.FromSeconds(5);

    /// <summary>The lease of an operation without a time limit.</summary>
    private static readonly TimeSpan UnlimitedLease = TimeSpan.FromHours(24);

    /// <summary>
    /// The create-call of <paramref name="request"/>, placed at most once per key. <paramref name="send"/> runs its
    /// attempts (it is called at most once); <paramref name="read"/> and <paramref name="state"/> read a recorded answer
    /// as the attempts read a live one.
    /// </summary>
    /// <exception cref="ArgumentException">The operation is not a create-call, or its body cannot be read twice; nothing was sent.</exception>
    /// <exception cref="TryVoxPlacementException">The key is taken by another body, in flight, unresolved, or could not be claimed; nothing was sent.</exception>
    public static ValueTask<TResult?> RunAsync<TResult>(
        PlacementKey key, PlacementRequest request, Func<FastJsonParseNode, object?, TResult?>? read, object? state,
        Func<PlacementRecorder, CancellationToken, ValueTask<TResult?>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (request.Operation.Method != "POST" || request.Operation.PathTemplate != CreateCallTemplate || read is null)
        {
            throw new ArgumentException(
                $"A PlacementKey applies to creating a call (POST {CreateCallTemplate}), not to {request.Operation.Name}: remove it from this request.", nameof(key));
        }

        return new Run<TResult>(key, request, read, state, send, cancellationToken).ExecuteAsync();
    }

    /// <summary>
    /// Whether a failed create-call certainly placed nothing, so its key is released: an answer or failure that shows the
    /// server did not act (a 4xx, 429 included; a connection never made). A 2xx that could not be read placed its call.
    /// </summary>
    internal static bool NotPlaced(Exception failure) => failure switch
    {
        TryVoxInvalidResponseException => false,
        TryVoxException known => !known.OutcomeUnknown,
        TryVoxError error => !error.OutcomeUnknown,
        ApiException { ResponseStatusCode: >= 400 and < 500 } => true,
        _ => false,
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One request's way through the ledger.</summary>
    private sealed class Run<TResult>
    {
        private readonly PlacementKey _key;
        private readonly PlacementRequest _request;
        private readonly Func<FastJsonParseNode, object?, TResult?> _read;
        private readonly object? _state;
        private readonly Func<PlacementRecorder, CancellationToken, ValueTask<TResult?>> _send;
        private readonly CancellationToken _cancellationToken;
        private readonly IPlacementLedger _ledger;
        private readonly TimeProvider _clock;
        private readonly TimeSpan _lease;
        private readonly byte[] _body;
        private readonly string _fingerprint;
        private readonly string _ledgerKey;
        private readonly PlacementTelemetry.Scope _scope;

        public Run(PlacementKey key, PlacementRequest request, Func<FastJsonParseNode, object?, TResult?> read, object? state,
            Func<PlacementRecorder, CancellationToken, ValueTask<TResult?>> send, CancellationToken cancellationToken)
        {
            (_key, _request, _read, _state, _send, _cancellationToken) = (key, request, read, state, send, cancellationToken);
            _ledger = request.Options.Ledger!;
            _clock = request.Options.TimeProvider;
            _lease = request.Timeout == System.Threading.Timeout.InfiniteTimeSpan ? UnlimitedLease : request.Timeout + LeaseAllowance;
            _body = ReadBody(request.Info);
            _fingerprint = BodyFingerprint.Of(_body);
            _ledgerKey = LedgerKey.Of(request.Url, request.Tenant, request.ApiKey, key);
            _scope = new PlacementTelemetry.Scope(request.Operation, request.Host, request.ApiKey);
            key.Reset();
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<TResult?> ExecuteAsync()
        {
            try
            {
                var waitEnds = Now() + _request.Options.InFlightWait;
                var waited = false;
                for (var poll = 0; ; poll++)
                {
                    var now = Now();
                    var claim = new PlacementRecord
                    {
                        State = PlacementState.InFlight, Fingerprint = _fingerprint, Owner = NewOwner(), ClaimedAt = now, Until = now + _lease,
                    };
                    var held = await LedgerAsync(l => l.ClaimAsync(_ledgerKey, claim, _cancellationToken)).ConfigureAwait(false);
                    if (held is null)
                    {
                        PlacementTelemetry.Claimed(_scope);
                        return await SendAsync(claim).ConfigureAwait(false);
                    }

                    if (!string.Equals(held.Fingerprint, _fingerprint, StringComparison.Ordinal))
                    {
                        PlacementTelemetry.Conflicted(_scope);
                        throw Failure(PlacementFailure.Conflict,
                            $"was first used with another request body, at {Time(held.ClaimedAt)}: a placement key stands for one call. Nothing was sent. " +
                            "Use a new key for another call; the same body with this key returns the first one's call.");
                    }

                    if (held.State == PlacementState.Placed)
                    {
                        return Replay(held);
                    }

                    if (held.State == PlacementState.InFlight && now < held.Until)
                    {
                        if (now >= waitEnds)
                        {
                            throw Failure(PlacementFailure.InFlight,
                                $"is held by a placement in flight since {Time(held.ClaimedAt)} ({Seconds(now - held.ClaimedAt)} ago); this request waited " +
                                $"{Seconds(_request.Options.InFlightWait)} (PlacementOptions.InFlightWait) and sent nothing. Try again later: the key then " +
                                "returns that placement's call, or is free again if it placed none.", heldFor: now - held.ClaimedAt);
                        }

                        if (!waited)
                        {
                            waited = true;
                            PlacementTelemetry.Waited(_scope);
                        }

                        var pause = TimeSpan.FromMilliseconds(Math.Min(250, 20 << Math.Min(poll, 4)));
                        await Task.Delay(pause < waitEnds - now ? pause : waitEnds - now, _clock, _cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    // Unknown, or in flight past its lease (its holder is gone): look the call up.
                    var (done, result) = await ResolveAsync(held, now).ConfigureAwait(false);
                    if (done)
                    {
                        return result;
                    }
                }
            }
            finally
            {
                _request.Info.Content?.Dispose();
            }
        }

        /// <summary>Sends the create-call under <paramref name="claim"/>, which this request holds, and records how it ended.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<TResult?> SendAsync(PlacementRecord claim)
        {
            var recorder = new PlacementRecorder();
            TResult? result;
            try
            {
                result = await _send(recorder, _cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (NotPlaced(e))
            {
                await QuietlyAsync(l => l.ReleaseAsync(_ledgerKey, claim.Owner, CancellationToken.None)).ConfigureAwait(false);
                throw;
            }
            catch (Exception)
            {
                // The call may have been placed (or was, with an unreadable answer): the key stays blocked until a lookup settles it.
                await KeepUnknownAsync(claim with { State = PlacementState.Unknown, Until = Now() }, claim.Owner).ConfigureAwait(false);
                PlacementTelemetry.LeftUnresolved(_scope, "outcome_unknown");
                throw;
            }

            var recordedAt = Now();
            var placed = recorder.Body is { } body
                ? claim with { State = PlacementState.Placed, Until = recordedAt, Status = recorder.Status, Body = body }
                : claim with { State = PlacementState.Unknown, Until = recordedAt };
            if (placed.State != PlacementState.Placed || !await QuietlyAsync(l => l.ReplaceAsync(_ledgerKey, claim.Owner, placed, CancellationToken.None)).ConfigureAwait(false))
            {
                // The call is placed, but a repeat cannot replay it: after the lease, it finds the call by a lookup.
                PlacementTelemetry.LeftUnresolved(_scope, "not_recorded");
            }

            _key.Completed(replayed: false, recordedAt);
            return result;
        }

        /// <summary>
        /// Settles a placement whose outcome is unknown by listing the calls: found means placed (recorded and returned);
        /// not found means not placed once <see cref="PlacementOptions.ListingDelay"/> has passed since it ended (this
        /// request then places it), and unresolved before. Done is false when another request changed the record first.
        /// </summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<(bool Done, TResult? Result)> ResolveAsync(PlacementRecord held, DateTimeOffset now)
        {
            var mine = held with { State = PlacementState.InFlight, Owner = NewOwner(), Until = now + _lease };
            if (!await LedgerAsync(l => l.ReplaceAsync(_ledgerKey, held.Owner, mine, _cancellationToken)).ConfigureAwait(false))
            {
                return (false, default);
            }

            var unknown = held with { State = PlacementState.Unknown, Owner = mine.Owner };
            IReadOnlyList<Call> found;
            try
            {
                found = await LookUpAsync(held.ClaimedAt).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await KeepUnknownAsync(unknown, mine.Owner).ConfigureAwait(false);
                if (e is OperationCanceledException && _cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                PlacementTelemetry.LeftUnresolved(_scope, "lookup_failed");
                throw Failure(PlacementFailure.Unresolved,
                    $"belongs to a create-call whose outcome is unknown (sent at {Time(held.ClaimedAt)}), and looking it up in the calls listing failed: " +
                    $"{e.Message} Nothing was sent. Try again later.", e, heldFor: now - held.ClaimedAt);
            }

            if (found.Count > 0)
            {
                var placed = mine with { State = PlacementState.Placed, Until = Now(), Status = 200, Body = Serialize(found[0]) };
                if (!await QuietlyAsync(l => l.ReplaceAsync(_ledgerKey, mine.Owner, placed, CancellationToken.None)).ConfigureAwait(false))
                {
                    PlacementTelemetry.LeftUnresolved(_scope, "not_recorded");
                }

                return (true, Replay(placed));
            }

            var settles = held.Until + _request.Options.ListingDelay;
            if (now < settles)
            {
                await KeepUnknownAsync(unknown, mine.Owner).ConfigureAwait(false);
                PlacementTelemetry.LeftUnresolved(_scope, "listing_delay");
                throw Failure(PlacementFailure.Unresolved,
                    $"belongs to a create-call whose outcome is unknown (sent at {Time(held.ClaimedAt)}), and the calls listing does not show its call yet. " +
                    $"Nothing was sent. A call missing from the listing counts as not placed from {Time(settles)}, {Seconds(_request.Options.ListingDelay)} " +
                    "(PlacementOptions.ListingDelay) after that create-call ended: try again then, and the key returns the call or places it.",
                    heldFor: now - held.ClaimedAt, retryAfter: settles - now);
            }

            // Not placed: this request places it, under a fresh claim that it already holds.
            var start = Now();
            var claim = mine with { ClaimedAt = start, Until = start + _lease };
            if (!await LedgerAsync(l => l.ReplaceAsync(_ledgerKey, mine.Owner, claim, _cancellationToken)).ConfigureAwait(false))
            {
                return (false, default);
            }

            PlacementTelemetry.Claimed(_scope);
            return (true, await SendAsync(claim).ConfigureAwait(false));
        }

        /// <summary>The calls of the create's account and tenant with its from, to and answer_url, listed through the same client.</summary>
        private Task<IReadOnlyList<Call>> LookUpAsync(DateTimeOffset since)
        {
            var create = JsonBody.Read(_body, static (root, _) => root.GetObjectValue(CreateCallRequest.CreateFromDiscriminatorValue), null)!;
            var calls = new CallsRequestBuilder(new Dictionary<string, object>(_request.Info.PathParameters), _request.Adapter);
            var tenant = new TenantOption(_request.Tenant);
            return calls.FindAsync(create, since, [tenant], _cancellationToken);
        }

        private TResult? Replay(PlacementRecord placed)
        {
            TResult? result;
            try
            {
                result = JsonBody.Read(placed.Body, _read, _state);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new TryVoxInvalidResponseException(new OperationFailure(_request.Operation.Name, 0, false, null), placed.Status,
                    $"the answer recorded against placement key \"{_key.Value}\" cannot be read as a Call: {e.Message}", e);
            }

            PlacementTelemetry.Replayed(_scope);
            _key.Completed(replayed: true, placed.Until);
            return result;
        }

        /// <summary>A ledger call before anything is sent: its failure fails the request closed.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<T> LedgerAsync<T>(Func<IPlacementLedger, ValueTask<T>> operation)
        {
            try
            {
                return await operation(_ledger).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_cancellationToken.IsCancellationRequested)
            {
                PlacementTelemetry.LedgerFailed(_scope);
                throw Failure(PlacementFailure.LedgerUnavailable,
                    $"could not be claimed: the placement ledger ({_ledger.GetType().Name}) failed: {e.Message} Nothing was sent: a call is never " +
                    "placed without a claim. Try again once the ledger answers.", e);
            }
        }

        /// <summary>
        /// A ledger call after the create-call ended, whatever the caller's token says: a failure leaves the record as it was,
        /// in flight until its lease ends, after which a lookup settles it.
        /// </summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> QuietlyAsync(Func<IPlacementLedger, ValueTask<bool>> operation)
        {
            try
            {
                return await operation(_ledger).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever the ledger throws, the create-call's own result or failure is what the caller gets.
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }

        private ValueTask<bool> KeepUnknownAsync(PlacementRecord unknown, string owner) =>
            QuietlyAsync(l => l.ReplaceAsync(_ledgerKey, owner, unknown, CancellationToken.None));

        private TryVoxPlacementException Failure(PlacementFailure reason, string what, Exception? cause = null, TimeSpan? heldFor = null, TimeSpan? retryAfter = null) =>
            new(_request.Operation.Name, _key, reason, $"The placement key \"{_key.Value}\" {what}", cause, heldFor, retryAfter);

        private static string NewOwner() => Guid.NewGuid().ToString("N");

        /// <summary>The time, to the millisecond: what a ledger keeps of it.</summary>
        private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());

        private static byte[] ReadBody(RequestInformation info)
        {
            if (info.Content is not { CanSeek: true } content)
            {
                throw new ArgumentException("A create-call with a PlacementKey needs a body that can be read twice (a seekable stream), to compare it with the key's first body.", nameof(info));
            }

            var body = new byte[content.Length];
            content.Position = 0;
            content.ReadExactly(body);
            content.Position = 0;
            return body;
        }

        private static byte[] Serialize(Call call)
        {
            using var writer = JsonBody.WriterFactory.GetSerializationWriter("application/json");
            writer.WriteObjectValue(null, call);
            using var content = writer.GetSerializedContent();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
