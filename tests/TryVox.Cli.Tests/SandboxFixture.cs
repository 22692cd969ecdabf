using System.Net;
using System.Net.Sockets;
using TryVox.Client.Testing;

namespace TryVox.Cli.Tests;

/// <summary>One in-process sandbox on 127.0.0.1 per test class, and the arguments and environment to reach it.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public TryVoxTestServer Server { get; private set; } = null!;

    /// <summary>The environment of a user with the sandbox key in TRYVOX_API_KEY.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["TRYVOX_API_KEY"] = Server.ApiKey };

    public string[] Args(params string[] args) => [.. args, "--base-url", Server.BaseUrl.ToString()];

    /// <summary>A loopback URL on which nothing listens: connecting is refused at once.</summary>
    public static string ClosedPortBaseUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v1";
    }

    public async Task InitializeAsync() => Server = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
