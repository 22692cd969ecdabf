using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>
/// A generated builder's <c>WithUrl(rawUrl)</c> reaches the adapter as the caller's URL, by a key of Kiota's that Kiota
/// keeps to itself (Http/Operation.cs reads it): the URL is sent as given, with the key, when it is on the API's
/// origin, and refused before anything is sent when it is not. Should Kiota rename the key, these fail: the adapter
/// then looks for the template's path parameters, which a raw URL's builder does not have.
/// </summary>
public sealed class WithUrlTests
{
    [Fact]
    public async Task A_raw_url_on_the_APIs_origin_is_sent_as_given_with_the_key()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, Fixtures.NumbersJson));
        using var client = TestKeys.Client(server);

        var numbers = await client.Account["AC123456"].Numbers.WithUrl(new Uri(server.Root, "v1/account/AC9/numbers?page=2&tag=a%2Fb").AbsoluteUri).GetAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/account/AC9/numbers?page=2&tag=a%2Fb", "Bearer " + TestKeys.Sandbox), (request.Method, request.PathAndQuery, request.Header("Authorization")));
        Assert.Equal("+919876543210", Assert.Single(numbers!.Data!).E164);
    }

    [Fact]
    public async Task A_create_call_to_a_raw_url_is_still_sent_once()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Fixtures.Error(context, 503));
        using var client = TestKeys.Client(server);

        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            client.Voice.Accounts["AC123456"].Calls.WithUrl(new Uri(server.Root, "v1/voice/accounts/AC9/calls").AbsoluteUri).PostAsync(Fixtures.NewCall()));

        Assert.Equal((503, true, "POST /voice/accounts/{auth_id}/calls"), (error.ResponseStatusCode, error.OutcomeUnknown, error.Operation));
        Assert.Equal(("POST", "/v1/voice/accounts/AC9/calls"), (Assert.Single(server.Requests).Method, server.Requests.Single().PathAndQuery));
    }

    [Fact]
    public async Task A_raw_url_on_another_origin_is_refused_before_anything_is_sent()
    {
        await using var api = await LoopbackServer.StartAsync();
        await using var other = await LoopbackServer.StartAsync();
        using var client = TestKeys.Client(api);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.Account["AC1"].Numbers.WithUrl(new Uri(other.BaseUrl, "v1/account/AC1/numbers").AbsoluteUri).GetAsync());

        Assert.Equal(
            $"Refusing to send the TryVox API key to {other.Root.GetLeftPart(UriPartial.Authority)}: it is only sent to " +
            $"{api.Root.GetLeftPart(UriPartial.Authority)}. Set TryVoxClientOptions.BaseUrl to address another server.",
            error.Message);
        Assert.Empty(other.Requests);
        Assert.Empty(api.Requests);
    }
}
