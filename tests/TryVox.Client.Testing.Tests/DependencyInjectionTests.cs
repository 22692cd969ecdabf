using Microsoft.Extensions.DependencyInjection;
using TryVox.Client.DependencyInjection;

namespace TryVox.Client.Testing.Tests;

/// <summary>Clients that applications build themselves (here over IHttpClientFactory) reach the server through its handler.</summary>
public sealed class DependencyInjectionTests
{
    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task A_client_registered_with_AddTryVoxClient_reaches_the_server_through_its_handler(TryVoxTestServerMode mode)
    {
        await using var server = await Servers.StartAsync(mode);
        server.Faults.Next(TryVoxFault.Status(429, retryAfter: TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddTryVoxClient(o => (o.ApiKey, o.BaseUrl, o.TenantId) = (server.ApiKey, server.BaseUrl, "tenant_di"))
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        await using var provider = services.BuildServiceProvider();

        var created = await provider.GetRequiredService<TryVoxClient>().Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall());

        Assert.Equal([(1, 429, "tenant_di"), (2, 201, "tenant_di")], server.Requests.Select(r => (r.Attempt, r.StatusCode, r.TenantId)));
        Assert.Equal(created!.Id, Assert.Single(server.PlacedCalls).Id);
    }
}
