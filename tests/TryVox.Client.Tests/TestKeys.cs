namespace TryVox.Client.Tests;

/// <summary>Fake keys in the documented formats. Never real: tests talk only to 127.0.0.1.</summary>
public static class TestKeys
{
    public const string Sandbox = "tvx_sk_test_4f9a8b7c6d5e";
    public const string Live = "tvx_sk_live_abc123xyz";

    /// <summary>A client with the default retry count and tiny backoffs (<see cref="Fixtures.Fast"/>), so retried errors do not slow the suite.</summary>
    public static TryVoxClient Client(LoopbackServer server, string? tenantId = null, string apiKey = Sandbox)
    {
        var options = Fixtures.Fast(server);
        (options.ApiKey, options.TenantId) = (apiKey, tenantId);
        return TryVoxClientFactory.Create(options);
    }
}
