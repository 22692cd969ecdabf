using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TryVox.Client.DependencyInjection;
using TryVox.Client.Models;
using TryVox.Client.Tests;

namespace TryVox.Client.DependencyInjection.Tests;

/// <summary><c>services.AddTryVoxClient()</c> over IHttpClientFactory, bound from the "TryVox" section, logging to ILogger.</summary>
public sealed class AddTryVoxClientTests
{
    private static ServiceProvider Services(LoopbackServer server, CapturingLoggerProvider? logs = null, Action<TryVoxClientOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TryVox:ApiKey"] = TestKeys.Live,
            ["TryVox:BaseUrl"] = server.BaseUrl.ToString(),
            ["TryVox:TenantId"] = "tenant_xyz",
            ["TryVox:ApplicationId"] = "billing/2.0",
            ["TryVox:Timeout"] = "00:00:10",
            ["TryVox:Retry:MaxRetries"] = "2",
            ["TryVox:Retry:BaseDelay"] = "00:00:00.001",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddTryVoxClient(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_client_is_resolved_with_options_bound_from_the_TryVox_section()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            LoopbackServer.Json(context, 200, """{"data":[{"e164":"+919876543210","country":"IN","status":"active"}]}"""));
        await using var services = Services(server);

        var numbers = await services.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        Assert.Equal("+919876543210", Assert.Single(numbers!.Data!).E164);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/account/AC123456/numbers", request.PathAndQuery);
        Assert.Equal($"Bearer {TestKeys.Live}", request.Header("Authorization"));
        Assert.Equal("tenant_xyz", request.Header("X-Tenant-ID"));
        Assert.Matches(@"^tryvox-dotnet/\S+ \(\.NET [^)]+\) billing/2\.0$", request.Header("User-Agent"));
    }

    [Fact]
    public async Task The_README_registration_gives_an_injectable_client_that_sends_the_application_id()
    {
        await using var server = await LoopbackServer.StartAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["TryVox:ApiKey"] = TestKeys.Sandbox;
        builder.Configuration["TryVox:BaseUrl"] = server.BaseUrl.ToString();

        // <snippet:dependency-injection>
        builder.Services.AddTryVoxClient(o => o.ApplicationId = "my-app/1.2");
        // then inject TryVoxClient
        // </snippet>
        using var host = builder.Build();
        await host.Services.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {TestKeys.Sandbox}", request.Header("Authorization"));
        Assert.EndsWith(" my-app/1.2", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_runs_after_the_configuration_section()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var services = Services(server, configure: o => o.TenantId = "tenant_override");

        await services.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        Assert.Equal("tenant_override", Assert.Single(server.Requests).Header("X-Tenant-ID"));
    }

    [Fact]
    public async Task The_factory_client_retries_a_list_but_sends_a_create_call_answered_503_once()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) => count == 1
            ? LoopbackServer.Json(context, 503, """{"error":{"code":"BUSY","message":"Busy"}}""")
            : count == 2 ? LoopbackServer.Json(context, 200, """{"data":[]}""")
            : LoopbackServer.Json(context, 503, """{"error":{"code":"BUSY","message":"Busy"}}"""));
        await using var services = Services(server);
        var client = services.GetRequiredService<TryVoxClient>();

        await client.Account["AC123456"].Numbers.GetAsync();
        Assert.Equal(2, server.Requests.Count);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(new Models.CreateCallRequest
        {
            From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
        }));
        Assert.Equal(503, error.ResponseStatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Each_attempt_is_logged_with_method_template_status_attempt_and_duration_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) => count == 1
            ? LoopbackServer.Json(context, 429, """{"error":{"code":"RATE_LIMITED","message":"Slow down"}}""")
            : LoopbackServer.Json(context, 200, """{"data":[]}"""));
        var logs = new CapturingLoggerProvider();
        await using var services = Services(server, logs);

        await services.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        var ours = logs.Entries.Where(e => e.Category == TryVoxLogging.Category).ToArray();
        Assert.Equal(2, ours.Length);
        Assert.Equal(LogLevel.Warning, ours[0].Level);
        Assert.Matches(@"^TryVox GET /account/\{account_id\}/numbers attempt 1: 429 in \d+\.\d ms; retrying in \d+ ms$", ours[0].Message);
        Assert.Equal(LogLevel.Information, ours[1].Level);
        Assert.Matches(@"^TryVox GET /account/\{account_id\}/numbers attempt 2: 200 in \d+\.\d ms", ours[1].Message);
        // Nothing logged anywhere (IHttpClientFactory's own trace logging included) holds the key or the Authorization value.
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(TestKeys.Live, e.Everything, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", e.Everything, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task LogTo_adds_ILogger_logging_without_dependency_injection()
    {
        await using var server = await LoopbackServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var options = new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, BaseUrl = server.BaseUrl }.LogTo(factory.CreateLogger("app"));

        await TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.GetAsync();

        Assert.StartsWith("TryVox GET /voice/accounts/{auth_id}/calls attempt 1: 200 in ", Assert.Single(logs.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_primary_handler_in_options_is_refused_with_the_builder_way_to_set_it()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var handler = new SocketsHttpHandler();
        await using var services = Services(server, configure: o => o.PrimaryHandler = handler);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TryVoxClient>());
        Assert.Contains("ConfigurePrimaryHttpMessageHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handlers_added_on_the_returned_builder_run_behind_the_TryVox_handlers()
    {
        await using var server = await LoopbackServer.StartAsync((context, count) => count == 1
            ? LoopbackServer.Json(context, 503, """{"error":{"code":"BUSY","message":"Busy"}}""")
            : LoopbackServer.Json(context, 200, """{"data":[]}"""));
        var seen = new ConcurrentQueue<string?>();
        var services = new ServiceCollection();
        services.AddTryVoxClient(o =>
        {
            o.ApiKey = TestKeys.Sandbox;
            o.BaseUrl = server.BaseUrl;
            o.Retry.BaseDelay = TimeSpan.Zero;
        }).AddHttpMessageHandler(() => new Spy(seen));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TryVoxClient>().Account["AC123456"].Numbers.GetAsync();

        // Behind the retry handler, the spy sees each attempt, with the headers already set.
        Assert.Equal(2, seen.Count);
        Assert.All(seen, ua => Assert.StartsWith("tryvox-dotnet/", ua, StringComparison.Ordinal));
    }

    private sealed class Spy(ConcurrentQueue<string?> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.Headers.UserAgent.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
