// <snippet:testing-sample>
using TryVox.Client;
using TryVox.Client.Models;
using TryVox.Client.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class PlacingCallsTests : IAsyncLifetime
{
    private static readonly CreateCallRequest Call = new() { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://my-app.example/answer" };
    private TryVoxTestServer _tryvox = null!;

    public async Task InitializeAsync() => _tryvox = await TryVoxTestServer.StartAsync(); // in memory: no sockets, no ports

    public async Task DisposeAsync() => await _tryvox.DisposeAsync();

    [Fact]
    public async Task A_call_is_placed_once()
    {
        var call = await _tryvox.CreateClient().Voice.Accounts[_tryvox.AccountId].Calls.PostAsync(Call);

        Assert.Equal(call!.Id, Assert.Single(_tryvox.PlacedCalls).Id);
    }

    [Fact]
    public async Task A_503_on_create_is_not_sent_again()
    {
        _tryvox.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Status(503));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => _tryvox.CreateClient().Voice.Accounts[_tryvox.AccountId].Calls.PostAsync(Call));

        Assert.Equal(503, error.ResponseStatusCode);
        Assert.True(error.OutcomeUnknown); // the server may have acted: the client never re-sends it, and says so
        Assert.Single(_tryvox.Requests);
    }

    [Fact]
    public async Task A_429_is_retried()
    {
        _tryvox.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.Zero));

        await _tryvox.CreateClient().Voice.Accounts[_tryvox.AccountId].Calls.PostAsync(Call);

        Assert.Equal([429, 201], _tryvox.Requests.Select(r => r.StatusCode));
        Assert.Single(_tryvox.PlacedCalls);
    }

    [Fact]
    public async Task Tenants_are_isolated()
    {
        var client = _tryvox.CreateClient();
        await client.WithTenant("tenant_a").Voice.Accounts[_tryvox.AccountId].Calls.PostAsync(Call);

        var ofTenantB = await client.WithTenant("tenant_b").Voice.Accounts[_tryvox.AccountId].Calls.GetAsync();

        Assert.Empty(ofTenantB!.Data!);
        Assert.Equal("tenant_a", Assert.Single(_tryvox.PlacedCalls).TenantId);
    }
}
// </snippet>
