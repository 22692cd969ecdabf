using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client;
using TryVox.Client.Account;
using TryVox.Client.Authentication;
using TryVox.Client.Voice;

namespace TryVox.Benchmarks.Layers;

/// <summary>
/// A client the layers mode takes apart, over an <see cref="AllocationProbe"/> in front of the in-memory transport:
/// the TryVox client as <see cref="TryVoxClientFactory"/> builds it, or the same generated request builders over
/// Kiota's own <see cref="HttpClientRequestAdapter"/> and a bare <see cref="HttpClient"/> (no handlers), with the
/// TryVox key provider, for reference.
/// </summary>
public sealed class LayerSubject : IDisposable
{
    /// <summary>The TryVox client.</summary>
    public const string TryVox = "TryVox";

    /// <summary>Kiota's adapter alone.</summary>
    public const string KiotaAdapter = "Kiota adapter";

    private readonly HttpClient? _http;

    private LayerSubject(ClientRoots roots, AllocationProbe probe, HttpClient? http)
    {
        (Roots, Probe, _http) = (roots, probe, http);
    }

    /// <summary>The client's root builders.</summary>
    public ClientRoots Roots { get; }

    /// <summary>The probe in front of the client's transport.</summary>
    public AllocationProbe Probe { get; }

    /// <summary>The key provider both subjects' requests go through (the TryVox client's own checks the same origin).</summary>
    public static TryVoxAuthenticationProvider NewKeyProvider() => new(TryVoxApiKey.Parse(Payloads.ApiKey), Transport.InMemoryBaseUrl);

    /// <summary>The subject <paramref name="name"/> (<see cref="TryVox"/> or <see cref="KiotaAdapter"/>) over <paramref name="endpoint"/>.</summary>
    public static LayerSubject Create(string name, CannedEndpoint endpoint)
    {
        var probe = new AllocationProbe(new InMemoryHandler(endpoint));
        if (name == TryVox)
        {
            var client = TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = Payloads.ApiKey, BaseUrl = Transport.InMemoryBaseUrl, PrimaryHandler = probe });
            return new LayerSubject(new ClientRoots(() => client.Voice, () => client.Account), probe, null);
        }

        // What the generated client's constructor registers, for Kiota's adapter to find.
        ApiClientBuilder.RegisterDefaultSerializer<JsonSerializationWriterFactory>();
        ApiClientBuilder.RegisterDefaultDeserializer<JsonParseNodeFactory>();
        var http = new HttpClient(probe) { Timeout = Timeout.InfiniteTimeSpan };
        var adapter = new HttpClientRequestAdapter(NewKeyProvider(), httpClient: http) { BaseUrl = Transport.InMemoryBaseUrl.AbsoluteUri.TrimEnd('/') };
        var root = new Dictionary<string, object> { ["baseurl"] = adapter.BaseUrl! };
        return new LayerSubject(new ClientRoots(() => new VoiceRequestBuilder(root, adapter), () => new AccountRequestBuilder(root, adapter)), probe, http);
    }

    /// <summary>The hand-written floor client over the in-memory transport, configured as the benchmarks configure it.</summary>
    public static FloorClient CreateFloor(CannedEndpoint endpoint)
    {
        var http = new HttpClient(new InMemoryHandler(endpoint)) { BaseAddress = new Uri(Transport.InMemoryBaseUrl.AbsoluteUri + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Payloads.ApiKey);
        return new FloorClient(http);
    }

    /// <summary>Releases Kiota's HttpClient; the TryVox client is left as the benchmarks leave it.</summary>
    public void Dispose() => _http?.Dispose();
}
