using TryVox.Client.Http;
using TryVox.Client.RequestOptions;

namespace TryVox.Client;

/// <summary>
/// The TryVox API: <c>client.Voice.Accounts["AC123456"].Calls.PostAsync(…)</c>,
/// <c>client.Account["AC123456"].Numbers.GetAsync()</c>. The request builders are generated from the API's
/// OpenAPI description (<see cref="TryVoxClientBase"/>); this class builds the pipeline under them: the key sent
/// only to the API, retries that never place a call twice, time limits, typed errors, metrics and traces.
/// Create one client and reuse it; it is safe to use from many threads.
/// </summary>
/// <example><code>
/// using var client = new TryVoxClient(new TryVoxClientOptions { TenantId = "tenant_xyz" }); // key from TRYVOX_API_KEY
/// var numbers = await client.Account["AC123456"].Numbers.GetAsync();
/// </code></example>
public sealed class TryVoxClient : TryVoxClientBase, IDisposable
{
    private readonly ClientSettings _settings;
    private readonly bool _ownsSettings;

    /// <summary>A client with <paramref name="options"/>, validated here, before any request is sent.</summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
    /// <exception cref="PlatformNotSupportedException">The code runs in a browser or on a phone, where a secret key would be exposed.</exception>
    public TryVoxClient(TryVoxClientOptions options)
        : this(new ClientSettings(options), options.TenantId, ownsSettings: true)
    {
    }

    /// <summary>A client for the production API with <paramref name="apiKey"/>, or <c>TRYVOX_API_KEY</c> when it is null.</summary>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public TryVoxClient(string? apiKey)
        : this(new TryVoxClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>A client over <paramref name="settings"/> that sends <paramref name="tenantId"/> (validated) by default.</summary>
    internal TryVoxClient(ClientSettings settings, string? tenantId, bool ownsSettings)
        : base(new TryVoxRequestAdapter(settings, TenantHeader.Validate(tenantId)))
    {
        _settings = settings;
        _ownsSettings = ownsSettings;
    }

    /// <summary>
    /// A client that sends <c>X-Tenant-ID: <paramref name="tenantId"/></c> on every request (none when null). It
    /// shares this client's connections, key and settings, costs a few small objects, and needs no disposing:
    /// make one per incoming request if you like. A <see cref="TenantOption"/> still overrides it per request.
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is empty, longer than 128 characters, or holds a space or control character.</exception>
    public TryVoxClient WithTenant(string? tenantId) => new(_settings, tenantId, ownsSettings: false);

    /// <summary>Disposes what this client created (its connection pool); never a handler, HttpClient or factory client it was given.</summary>
    public void Dispose()
    {
        if (_ownsSettings)
        {
            _settings.Dispose();
        }
    }
}
