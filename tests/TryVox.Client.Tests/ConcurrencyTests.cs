namespace TryVox.Client.Tests;

/// <summary>One client under load.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Five_hundred_concurrent_requests_through_one_client_all_succeed_even_when_some_are_throttled_first()
    {
        var throttled = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            // One request in five is first answered 429 and succeeds on its retry.
            var id = context.Request.Path.Value!.Split('/')[3];
            return int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) % 5 == 0 && throttled.TryAdd(id, true)
                ? Fixtures.Error(context, 429)
                : LoopbackServer.Json(context, 200, $$"""{"data":[{"e164":"+1{{id[2..]}}","country":"US","status":"active"}]}""");
        });
        var client = Fixtures.Client(server);

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => client.Account[$"AC{i}"].Numbers.GetAsync()));

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"+1{i}"), results.Select(r => Assert.Single(r!.Data!).E164));
        Assert.Equal(600, server.Requests.Count);
    }
}
