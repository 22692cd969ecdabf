using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_test_points_the_applications_client_at_the_server_while_its_key_stays_in_configuration_and_rotates()
    {
        await using var server = await Servers.StartAsync(TryVoxTestServerMode.InMemory);
        var otherKey = server.AddAccount("AC999999");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TryVox:ApiKey"] = server.ApiKey }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddTryVoxClient(); // the application's registration, bound from configuration

        // <snippet:test-kit-configured-key>
        // In the test (WebApplicationFactory's ConfigureTestServices, say): the client's address only; its key stays in configuration.
        services.AddTryVoxClient(o => o.BaseUrl = server.BaseUrl).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        // </snippet>
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TryVoxClient>().Account[server.AccountId].Numbers.GetAsync();

        configuration.Providers.OfType<MemoryConfigurationProvider>().Single().Set("TryVox:ApiKey", otherKey);
        configuration.Reload();
        await provider.GetRequiredService<TryVoxClient>().Account["AC999999"].Numbers.GetAsync();

        Assert.Equal(
            [($"/v1/account/{server.AccountId}/numbers", 200), ("/v1/account/AC999999/numbers", 200)],
            server.Requests.Select(r => (r.Path, r.StatusCode)));
    }
}
