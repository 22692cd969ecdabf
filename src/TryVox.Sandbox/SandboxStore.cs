using System.Collections.Concurrent;
using System.Security.Cryptography;
using TryVox.Sandbox.Generated;

namespace TryVox.Sandbox;

/// <summary>
/// The sandbox's in-memory state: which key belongs to which account, each account's numbers,
/// and the calls of each (account, tenant) pair. Safe for concurrent requests.
/// </summary>
internal sealed class SandboxStore
{
    private readonly ConcurrentDictionary<string, string> _accountByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PhoneNumber[]> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Account, string? Tenant), List<Call>> _calls = new();

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

    public Call AddCall(string accountId, string? tenantId, string from, string to, string answerUrl)
    {
        var call = new Call
        {
            Id = "call_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            From = from,
            To = to,
            Answer_url = answerUrl,
            Status = "queued",
            Created_at = DateTimeOffset.UtcNow,
        };
        var calls = _calls.GetOrAdd((accountId, tenantId), _ => []);
        lock (calls)
        {
            calls.Add(call);
        }

        return call;
    }

    /// <summary>The calls made under exactly this tenant (no tenant is a tenant of its own).</summary>
    public List<Call> Calls(string accountId, string? tenantId)
    {
        if (!_calls.TryGetValue((accountId, tenantId), out var calls))
        {
            return [];
        }

        lock (calls)
        {
            return [.. calls];
        }
    }
}
