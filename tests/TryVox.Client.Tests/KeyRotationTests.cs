using System.Collections.Concurrent;
using System.Net;
using TryVox.Client.Authentication;

namespace TryVox.Client.Tests;

/// <summary>A key replaced under a running client (TryVoxCredential): whole keys only, the new one from the swap on.</summary>
public sealed class KeyRotationTests
{
    private const string OldKey = "tvx_sk_live_oldKey0000000000001111";
    private const string NewKey = "tvx_sk_live_newKey0000000000002222";

    [Fact]
    public async Task A_key_swapped_while_1000_requests_are_in_flight_leaves_each_with_one_whole_key_and_every_later_one_with_the_new()
    {
        var credential = new TryVoxCredential(OldKey);
        var handler = new HoldingHandler();
        using var client = new TryVoxClient(new TryVoxClientOptions { Credential = credential, PrimaryHandler = handler });

        // 500 requests start (and are held by the server) with the old key, the key is swapped, 500 more start.
        var before = Enumerable.Range(0, 500).Select(i => client.Account[$"AC{i}"].Numbers.GetAsync()).ToArray();
        credential.Update(NewKey);
        var after = Enumerable.Range(500, 500).Select(i => client.Account[$"AC{i}"].Numbers.GetAsync()).ToArray();
        Assert.Equal(1000, handler.Received.Count);
        handler.Release();
        await Task.WhenAll(before.Concat(after));

        var keys = handler.Received.ToDictionary(r => r.Account, r => r.Authorization);
        Assert.Equal(1000, keys.Count);
        Assert.All(Enumerable.Range(0, 500), i => Assert.Equal("Bearer " + OldKey, keys[$"AC{i}"]));
        Assert.All(Enumerable.Range(500, 500), i => Assert.Equal("Bearer " + NewKey, keys[$"AC{i}"]));
    }

    [Theory]
    [InlineData("tvx_sk_live_", "incomplete")]
    [InlineData("sk_live_typo0000000000003333", "must start with")]
    [InlineData("tvx_sk_live_newKey 0000000000002222", "space")]
    public async Task A_malformed_new_key_is_refused_without_echoing_it_and_the_last_good_key_stays(string malformed, string problem)
    {
        var credential = new TryVoxCredential(OldKey);
        var handler = new HoldingHandler();
        handler.Release();
        using var client = new TryVoxClient(new TryVoxClientOptions { Credential = credential, PrimaryHandler = handler });

        var refused = Assert.Throws<ArgumentException>(() => credential.Update(malformed));
        Assert.False(credential.TryUpdate(malformed, out var said));
        await client.Account["AC1"].Numbers.GetAsync();

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("The TryVox API key in TryVoxCredential.Update ", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("The TryVox API key in the TryVoxCredential ", Assert.Throws<ArgumentException>(() => new TryVoxCredential(malformed)).Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message.Replace("TryVoxCredential.Update", "TryVoxCredential.TryUpdate", StringComparison.Ordinal).Replace(" (Parameter 'apiKey')", "", StringComparison.Ordinal), said);
        Assert.DoesNotContain(malformed.Length > 12 ? malformed[12..] : malformed, refused.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + OldKey, Assert.Single(handler.Received).Authorization);
        Assert.Equal("tvx_sk_live_…1111", credential.Key.Hint);
    }

    [Fact]
    public void A_credential_and_a_key_together_are_refused_when_the_client_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() => new TryVoxClient(new TryVoxClientOptions { ApiKey = OldKey, Credential = new TryVoxCredential(NewKey) }));

        Assert.Contains("ApiKey or Credential, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_shows_its_environment_and_hint_never_the_key()
    {
        var credential = new TryVoxCredential(OldKey);

        Assert.Equal("TryVox live API key (redacted)", credential.ToString());
        Assert.DoesNotContain("oldKey", credential.Key.Hint, StringComparison.Ordinal);
        Assert.Equal("tvx_sk_test_…", new TryVoxCredential("tvx_sk_test_short").Key.Hint);
    }

    /// <summary>Records each request's key and account and holds every answer until released: requests stay in flight.</summary>
    private sealed class HoldingHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<(string Account, string? Authorization)> Received { get; } = new();

        public void Release() => _released.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Enqueue((request.RequestUri!.Segments[3].TrimEnd('/'), request.Headers.Authorization?.ToString()));
            await _released.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"data":[]}""", System.Text.Encoding.UTF8, "application/json") };
        }
    }

    [Fact]
    public async Task The_readme_example_rotates_the_key_of_a_running_client()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (keyFromYourSecretStore, newKeyFromYourSecretStore, apiUrl) = (OldKey, NewKey, server.BaseUrl);

        // <snippet:key-rotation>
        var credential = new TryVoxCredential(keyFromYourSecretStore);
        using var client = new TryVoxClient(new TryVoxClientOptions { Credential = credential, BaseUrl = apiUrl });
        await client.Account["AC123456"].Numbers.GetAsync();

        credential.Update(newKeyFromYourSecretStore); // a malformed key throws, and the old one stays
        await client.Account["AC123456"].Numbers.GetAsync();
        // </snippet>

        Assert.Equal(["Bearer " + OldKey, "Bearer " + NewKey], server.Requests.Select(r => r.Header("Authorization")));
    }
}
