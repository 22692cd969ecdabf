using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace TryVox.Client.Authentication;

/// <summary>
/// The API key a client sends, which can be replaced while the client runs: rotate a key the way the reference
/// asks (create a new key, update the application, delete the old key) without restarting or rebuilding clients.
/// Each request carries one whole key, the one current when it started. A malformed new key is refused and the
/// current one kept, so a typo cannot take an application down.
/// </summary>
/// <example><code>
/// var credential = new TryVoxCredential(Environment.GetEnvironmentVariable("TRYVOX_API_KEY")!);
/// using var client = new TryVoxClient(new TryVoxClientOptions { Credential = credential });
/// credential.Update(newKeyFromYourSecretStore);
/// </code></example>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TryVoxCredential
{
    private TryVoxApiKey _key;

    /// <summary>Starts with <paramref name="apiKey"/>.</summary>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public TryVoxCredential(string apiKey)
        : this(TryVoxApiKey.Parse(apiKey, "the TryVoxCredential"))
    {
    }

    /// <summary>Starts with <paramref name="apiKey"/>.</summary>
    public TryVoxCredential(TryVoxApiKey apiKey) => _key = apiKey ?? throw new ArgumentNullException(nameof(apiKey));

    /// <summary>The key sent from now on: its environment and hint, never the key itself.</summary>
    public TryVoxApiKey Key => Volatile.Read(ref _key);

    /// <summary>Replaces the key; requests that already started keep the one they started with.</summary>
    /// <exception cref="ArgumentException">The new key is malformed; the current key stays.</exception>
    public void Update(string apiKey) => Volatile.Write(ref _key, TryVoxApiKey.Parse(apiKey, "TryVoxCredential.Update"));

    /// <summary>Replaces the key if <paramref name="apiKey"/> is well-formed; otherwise keeps the current one and says why.</summary>
    /// <param name="apiKey">The new key.</param>
    /// <param name="problem">What is wrong with the new key (never the key itself), when it was refused.</param>
    public bool TryUpdate(string? apiKey, [NotNullWhen(false)] out string? problem) => TryUpdate(apiKey, "TryVoxCredential.TryUpdate", out problem);

    /// <summary><see cref="TryUpdate(string?, out string?)"/>, naming where the key came from (a configuration key, say) in the problem.</summary>
    internal bool TryUpdate(string? apiKey, string source, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            Volatile.Write(ref _key, TryVoxApiKey.Parse(apiKey, source));
            problem = null;
            return true;
        }
        catch (ArgumentException e)
        {
            problem = ProblemText.Of(e);
            return false;
        }
    }

    /// <summary>The current key's environment and hint; the key is never shown.</summary>
    public override string ToString() => Key.ToString();
}
