using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// The server's state: which key belongs to which account, each account's numbers, and every call
/// placed, in order. Safe for concurrent requests.
/// </summary>
internal sealed class ServerStore(TimeProvider clock, bool sequentialIds)
{
    private readonly ConcurrentDictionary<string, string> _accountByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PhoneNumber[]> _numbers = new(StringComparer.Ordinal);
    private readonly List<PlacedCall> _placed = [];
    private int _lastId;

    public void AddAccount(string accountId, string apiKey, IEnumerable<PhoneNumber> numbers)
    {
        if (!_accountByKey.TryAdd(apiKey, accountId))
        {
            throw new ArgumentException("This API key is already in use.", nameof(apiKey));
        }

        _numbers.TryAdd(accountId, [.. numbers]);
    }

    public string? AccountOf(string apiKey) => _accountByKey.TryGetValue(apiKey, out var account) ? account : null;

    public IReadOnlyList<PhoneNumber> Numbers(string accountId) => _numbers.TryGetValue(accountId, out var numbers) ? numbers : [];

    public PlacedCall PlaceCall(string accountId, string? tenantId, string from, string to, string answerUrl)
    {
        var id = sequentialIds
            ? "call_" + Interlocked.Increment(ref _lastId).ToString("D4", CultureInfo.InvariantCulture)
            : "call_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var call = new PlacedCall(id, accountId, tenantId, from, to, answerUrl, clock.GetUtcNow());
        lock (_placed)
        {
            _placed.Add(call);
        }

        return call;
    }

    /// <summary>Every call placed, in the order the server placed them.</summary>
    public IReadOnlyList<PlacedCall> Placed()
    {
        lock (_placed)
        {
            return [.. _placed];
        }
    }

    /// <summary>The calls placed under exactly this tenant (no tenant is a tenant of its own).</summary>
    public List<Call> Calls(string accountId, string? tenantId) =>
        [.. Placed().Where(c => c.AccountId == accountId && c.TenantId == tenantId).Select(ToCall)];

    public static Call ToCall(PlacedCall call) => new()
    {
        Id = call.Id,
        From = call.From,
        To = call.To,
        Answer_url = call.AnswerUrl,
        Status = "queued",
        Created_at = call.CreatedAt,
    };
}
