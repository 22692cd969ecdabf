namespace TryVox.Client;

/// <summary>Builds a <see cref="TryVoxClient"/>: the same as its constructors, for code written against this factory.</summary>
public static class TryVoxClientFactory
{
    /// <summary>The environment variable read when no API key is given.</summary>
    public const string ApiKeyEnvironmentVariable = Http.ClientSettings.ApiKeyEnvironmentVariable;

    /// <summary>Creates a client for the production API with <paramref name="apiKey"/> (or <c>TRYVOX_API_KEY</c> when null).</summary>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public static TryVoxClient Create(string? apiKey) => new(apiKey);

    /// <summary>Creates a client; see <see cref="TryVoxClient(TryVoxClientOptions)"/>.</summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
    public static TryVoxClient Create(TryVoxClientOptions options) => new(options);
}
