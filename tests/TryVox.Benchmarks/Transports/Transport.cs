using Microsoft.AspNetCore.Builder;

namespace TryVox.Benchmarks.Transports;

/// <summary>How requests reach the canned answers: a benchmark dimension.</summary>
public enum TransportKind
{
    /// <summary>An <see cref="InMemoryHandler"/>: the client's own cost, no sockets.</summary>
    InMemory,

    /// <summary>Kestrel on 127.0.0.1 through a <see cref="SocketsHttpHandler"/>: the client's cost plus a real HTTP exchange.</summary>
    Kestrel,
}

/// <summary>A started transport: the base URL the clients use and the innermost handler each of them gets.</summary>
public sealed class Transport : IAsyncDisposable
{
    private readonly CannedEndpoint _endpoint;
    private readonly WebApplication? _kestrel;

    private Transport(CannedEndpoint endpoint, WebApplication? kestrel, Uri baseUrl)
    {
        (_endpoint, _kestrel, BaseUrl) = (endpoint, kestrel, baseUrl);
    }

    /// <summary>The base URL of the in-memory transport: the production API's, never reached.</summary>
    public static Uri InMemoryBaseUrl { get; } = new("https://api.tryvox.io/v1");

    /// <summary>The API's base URL, <c>…/v1</c>: <see cref="InMemoryBaseUrl"/> in memory, Kestrel's otherwise.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts <paramref name="kind"/> serving <paramref name="endpoint"/>.</summary>
    public static async Task<Transport> StartAsync(TransportKind kind, CannedEndpoint endpoint)
    {
        if (kind == TransportKind.InMemory)
        {
            return new Transport(endpoint, null, InMemoryBaseUrl);
        }

        var (kestrel, root) = await KestrelHost.StartAsync(endpoint);
        return new Transport(endpoint, kestrel, new Uri(root + "/v1"));
    }

    /// <summary>A new innermost handler for one client; redirects off, as the TryVox client requires of its handler.</summary>
    public HttpMessageHandler CreateHandler() =>
        _kestrel is null ? new InMemoryHandler(_endpoint) : new SocketsHttpHandler { AllowAutoRedirect = false };

    /// <summary>Stops Kestrel, if it runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.StopAsync();
            await _kestrel.DisposeAsync();
        }
    }
}
