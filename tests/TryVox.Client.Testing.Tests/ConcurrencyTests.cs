using System.Text.Json;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>The server's records under load: thousands of concurrent creates, some refused with 429 and retried by the client.</summary>
public sealed class ConcurrencyTests
{
    private const int Calls = 2000;

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task Two_thousand_concurrent_creates_with_a_quarter_answered_429_place_each_call_at_most_once_as_recorded(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(429, retryAfter: TimeSpan.Zero), times: Calls / 4);
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;

        // Each create has its own number, so the server's records can be matched to what its caller saw.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            var to = $"+1415555{i:D4}";
            try
            {
                return (To: to, Id: (await calls.PostAsync(Servers.ReferenceCall(to)))!.Id, Error: (TryVoxError?)null);
            }
            catch (TryVoxError e)
            {
                return (To: to, Id: null, Error: e);
            }
        }));

        var requests = server.Requests;
        var placedByNumber = server.PlacedCalls.ToDictionary(c => c.To); // throws if a number was placed twice
        var sentByNumber = requests.ToLookup(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("to").GetString());
        var failed = outcomes.Count(o => o.Id is null);
        Assert.Equal(Calls / 4, requests.Count(r => r.StatusCode == 429));
        Assert.Equal(Calls - failed, placedByNumber.Count);
        Assert.Equal(Calls + (Calls / 4) - failed, requests.Count); // every 429 was retried, or was the caller's answer
        foreach (var (to, id, error) in outcomes)
        {
            var sent = sentByNumber[to].OrderBy(r => r.Attempt).ToList();
            Assert.Equal(Enumerable.Range(1, sent.Count), sent.Select(r => r.Attempt!.Value));
            Assert.All(sent.SkipLast(1), r => Assert.Equal(429, r.StatusCode));
            if (id is not null)
            {
                Assert.Equal((201, id), (sent[^1].StatusCode, sent[^1].PlacedCallId));
                Assert.Equal(id, placedByNumber[to].Id);
            }
            else
            {
                Assert.Equal((429, sent.Count), (error!.ResponseStatusCode, error.Attempts));
                Assert.Equal(429, sent[^1].StatusCode);
                Assert.False(placedByNumber.ContainsKey(to));
            }
        }
    }
}
