using System.Net;
using TryVox.Client.RequestOptions;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>The sandbox's behaviour through the real client, in memory and on loopback alike.</summary>
public sealed class ApiBehaviourTests
{
    private const string ReferenceUnauthorized = """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}""";

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task Every_operation_answers_and_a_placed_call_is_listed(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var client = server.CreateClient();

        var created = await client.Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());
        var calls = await client.Voice.Accounts[server.AccountId].Calls.GetAsync();
        var numbers = await client.Account[server.AccountId].Numbers.GetAsync();

        Assert.Equal(("+919876543210", "+14155551234", "https://your-app.com/answer", "queued"), (created!.From, created.To, created.AnswerUrl, created.Status));
        Assert.Equal([created.Id], calls!.Data!.Select(c => c.Id));
        Assert.Equal(["+919876543210 IN active", "+14155550100 US active"], numbers!.Data!.Select(n => $"{n.E164} {n.Country} {n.Status}"));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task An_unknown_key_gets_the_reference_401_body(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        using var http = server.CreateHttpClient();
        using var request = Servers.RawRequest(HttpMethod.Get, $"account/{server.AccountId}/numbers", "tvx_sk_test_unknown");

        using var response = await http.SendAsync(request);
        var error = await Assert.ThrowsAsync<TryVoxError>(() =>
            server.CreateClient(o => o.ApiKey = "tvx_sk_test_unknown").Account[server.AccountId].Numbers.GetAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(ReferenceUnauthorized, await response.Content.ReadAsStringAsync());
        Assert.Equal((401, "UNAUTHORIZED", "Invalid or missing API key"), (error.ResponseStatusCode, error.Code, error.Message));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_key_reaches_its_own_account_only(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var otherKey = server.AddAccount("AC777777", new PhoneNumber { E164 = "+14155550111", Country = "US" });
        var other = server.CreateClient(o => o.ApiKey = otherKey);

        var forbidden = await Assert.ThrowsAsync<TryVoxError>(() => other.Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));
        var alsoForbidden = await Assert.ThrowsAsync<TryVoxError>(() => server.CreateClient().Account["AC777777"].Numbers.GetAsync());
        var placed = await other.Voice.Accounts["AC777777"].Calls.PostAsync(new() { From = "+14155550111", To = "+14155551234", AnswerUrl = "https://a.example/answer" });

        Assert.Equal((403, "FORBIDDEN", $"The API key does not grant access to account {server.AccountId}"), (forbidden.ResponseStatusCode, forbidden.Code, forbidden.Message));
        Assert.Equal((403, "FORBIDDEN"), (alsoForbidden.ResponseStatusCode, alsoForbidden.Code));
        Assert.Equal([("AC777777", placed!.Id)], server.PlacedCalls.Select(c => (c.AccountId, (string?)c.Id)));
        Assert.Equal(["+14155550111 US active"], (await other.Account["AC777777"].Numbers.GetAsync())!.Data!.Select(n => $"{n.E164} {n.Country} {n.Status}"));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task Calls_are_isolated_per_tenant(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var tenantA = server.CreateClient(o => o.TenantId = "tenant_a");
        var calls = tenantA.Voice.Accounts[server.AccountId].Calls;

        var inA = await calls.PostAsync(Servers.ReferenceCall());
        var untenanted = await calls.PostAsync(Servers.ReferenceCall(), r => r.Options.Add(new TenantOption(null)));

        Assert.Equal([inA!.Id], (await calls.GetAsync())!.Data!.Select(c => c.Id));
        Assert.Empty((await calls.GetAsync(r => r.Options.Add(new TenantOption("tenant_b"))))!.Data!);
        Assert.Equal([untenanted!.Id], (await server.CreateClient().Voice.Accounts[server.AccountId].Calls.GetAsync())!.Data!.Select(c => c.Id));
        Assert.Equal([("tenant_a", inA.Id), (null, untenanted.Id)], server.PlacedCalls.Select(c => (c.TenantId, (string?)c.Id)));
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task An_invalid_call_is_400_with_the_spec_error_body_and_places_nothing(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        var calls = server.CreateClient().Voice.Accounts[server.AccountId].Calls;

        var badNumber = await Assert.ThrowsAsync<TryVoxError>(() => calls.PostAsync(Servers.ReferenceCall(to: "+1 415 555 1234")));
        var notOurs = await Assert.ThrowsAsync<TryVoxError>(() => calls.PostAsync(new() { From = "+14155550199", To = "+14155551234", AnswerUrl = "https://a.example/" }));

        Assert.Equal((400, "VALIDATION_ERROR"), (badNumber.ResponseStatusCode, badNumber.Code));
        Assert.Contains("to", badNumber.Message, StringComparison.Ordinal);
        Assert.Equal("from must be one of the account's numbers (GET /account/AC123456/numbers); +14155550199 is not", notOurs.Message);
        Assert.Empty(server.PlacedCalls);
        Assert.Equal([400, 400], server.Requests.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(TryVoxTestServerMode.InMemory, "GET", "voice/accounts/AC123456/callz", null, 404, "NOT_FOUND")]
    [InlineData(TryVoxTestServerMode.Loopback, "GET", "voice/accounts/AC123456/callz", null, 404, "NOT_FOUND")]
    [InlineData(TryVoxTestServerMode.InMemory, "DELETE", "voice/accounts/AC123456/calls", null, 405, "METHOD_NOT_ALLOWED")]
    [InlineData(TryVoxTestServerMode.Loopback, "DELETE", "voice/accounts/AC123456/calls", null, 405, "METHOD_NOT_ALLOWED")]
    [InlineData(TryVoxTestServerMode.InMemory, "POST", "voice/accounts/AC123456/calls", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData(TryVoxTestServerMode.Loopback, "POST", "voice/accounts/AC123456/calls", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE")]
    public async Task Anything_outside_the_spec_gets_the_spec_error_body(TryVoxTestServerMode mode, string method, string path, string? mediaType, int status, string code)
    {
        await using var server = await Servers.StartAsync(mode);
        using var http = server.CreateHttpClient();
        using var request = Servers.RawRequest(new HttpMethod(method), path, server.ApiKey, json: mediaType is null ? null : "{}", mediaType: mediaType ?? "application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($$"""{"error":{"code":"{{code}}","message":""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
