using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>The two ways the server is hosted, its settings, and the standalone run.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task In_memory_is_the_default_and_listens_on_no_socket()
    {
        await using var server = await TryVoxTestServer.StartAsync();

        Assert.Equal(TryVoxTestServerMode.InMemory, server.Mode);
        Assert.IsType<TestServer>(server.Services.GetRequiredService<IServer>());
        Assert.Equal(new Uri("http://localhost/v1"), server.BaseUrl);
    }

    [Fact]
    public async Task Loopback_listens_on_127_0_0_1_for_any_http_client()
    {
        await using var server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });
        using var http = new HttpClient(new SocketsHttpHandler());
        using var request = Servers.RawRequest(HttpMethod.Get, $"{server.BaseUrl}/account/{server.AccountId}/numbers", server.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1$", server.BaseUrl.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Servers.BothModes), MemberType = typeof(Servers))]
    public async Task The_log_has_a_line_per_request_with_its_answer_or_fault(TryVoxTestServerMode mode)
    {
        var log = new StringWriter();
        await using var server = await Servers.StartAsync(mode, o => o.Log = TextWriter.Synchronized(log));
        server.Faults.Next(TryVoxFault.DropConnectionBeforeActing());
        var client = server.CreateClient(o => o.Retry = RetryPolicy.None);

        await Assert.ThrowsAsync<TryVoxNetworkException>(() => client.Account[server.AccountId].Numbers.GetAsync());
        await Servers.RequestsAsync(server, 1);
        await client.Account[server.AccountId].Numbers.GetAsync();

        Assert.Equal(
            [
                "GET /v1/account/AC123456/numbers -> connection dropped (injected: DropConnectionBeforeActing)",
                "GET /v1/account/AC123456/numbers -> 200",
            ],
            log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Run_prints_the_url_key_and_account_and_serves_until_cancelled()
    {
        var log = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = TryVoxTestServer.RunAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback, Log = TextWriter.Synchronized(log) }, stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Match banner;
        while (!(banner = Regex.Match(log.ToString(), @"listening on (http://127\.0\.0\.1:\d+/v1)")).Success)
        {
            await Task.Delay(10, timeout.Token);
        }

        using var http = new HttpClient();
        using var request = Servers.RawRequest(HttpMethod.Get, $"{banner.Groups[1].Value}/account/AC123456/numbers", TryVoxTestServerOptions.DefaultApiKey);
        using var response = await http.SendAsync(request);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("  API key:    tvx_sk_test_localsandbox0001\n  Account ID: AC123456\nPress Ctrl+C to stop.", log.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.EndsWith("GET /v1/account/AC123456/numbers -> 200" + Environment.NewLine, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_that_cannot_work_are_refused_saying_which_and_why()
    {
        var liveKey = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { ApiKey = "tvx_sk_live_secret123" }));
        var bareKey = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { ApiKey = "tvx_sk_test_" }));
        var port = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback, Port = 70000 }));
        var inMemoryRun = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.RunAsync(new TryVoxTestServerOptions()));
        var noCalls = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { CallsPerSecond = 0 }));
        var noRequests = await Assert.ThrowsAsync<ArgumentException>(() => TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { RequestsPerSecond = -1 }));
        await using var server = await TryVoxTestServer.StartAsync();
        var number = Assert.Throws<ArgumentException>(() => server.AddAccount("AC999999", new PhoneNumber { Country = "US" }));

        Assert.Equal("TryVoxTestServerOptions.ApiKey must be a sandbox key: tvx_sk_test_ followed by the key. (Parameter 'ApiKey')", liveKey.Message);
        Assert.DoesNotContain("secret123", liveKey.Message, StringComparison.Ordinal);
        Assert.Equal(liveKey.Message, bareKey.Message);
        Assert.Equal("TryVoxTestServerOptions.Port must be 0 to 65535 (0 picks a free port); it is 70000. (Parameter 'Port')", port.Message);
        Assert.Contains("set TryVoxTestServerOptions.Mode to Loopback", inMemoryRun.Message, StringComparison.Ordinal);
        Assert.Contains("E164", number.Message, StringComparison.Ordinal);
        Assert.Equal("TryVoxTestServerOptions.CallsPerSecond must be at least 1, or null for no limit; it is 0. (Parameter 'CallsPerSecond')", noCalls.Message);
        Assert.Equal("TryVoxTestServerOptions.RequestsPerSecond must be at least 1, or null for no limit; it is -1. (Parameter 'RequestsPerSecond')", noRequests.Message);
    }
}
