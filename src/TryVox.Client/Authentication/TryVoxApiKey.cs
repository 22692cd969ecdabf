using System.Diagnostics;

namespace TryVox.Client.Authentication;

/// <summary>Which TryVox environment an API key belongs to, read from its prefix.</summary>
public enum TryVoxEnvironment
{
    /// <summary>A production key (<c>tvx_sk_live_…</c>): calls reach real phones.</summary>
    Live,

    /// <summary>A sandbox key (<c>tvx_sk_test_…</c>), for development and testing.</summary>
    Sandbox,
}

/// <summary>
/// A validated TryVox API key. The key itself is never shown: <see cref="ToString"/> and the
/// debugger display give only its environment.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TryVoxApiKey
{
    /// <summary>The prefix of production keys.</summary>
    public const string LivePrefix = "tvx_sk_live_";

    /// <summary>The prefix of sandbox keys.</summary>
    public const string SandboxPrefix = "tvx_sk_test_";

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _value;

    private TryVoxApiKey(string value, TryVoxEnvironment environment)
    {
        _value = value;
        Environment = environment;
        AuthorizationValue = "Bearer " + value;
    }

    /// <summary>Whether this is a production or a sandbox key.</summary>
    public TryVoxEnvironment Environment { get; }

    /// <summary>
    /// The key as the TryVox Dashboard lists it, safe to log and show: its prefix and last four characters
    /// (<c>tvx_sk_live_…1234</c>). A key with fewer than <see cref="MinimumSecretLengthForHint"/> characters
    /// after its prefix shows none of them.
    /// </summary>
    public string Hint => Prefix + "…" + Last4;

    /// <summary>The last four characters of the key, or an empty string when the key is too short to show any.</summary>
    internal string Last4 => _value.Length - Prefix.Length >= MinimumSecretLengthForHint ? _value[^4..] : string.Empty;

    /// <summary>Below this many characters after the prefix, four of them would give away too much of the key.</summary>
    internal const int MinimumSecretLengthForHint = 12;

    private string Prefix => Environment == TryVoxEnvironment.Live ? LivePrefix : SandboxPrefix;

    /// <summary>The value of the <c>Authorization</c> header, built once: every request sends it.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string AuthorizationValue { get; }

    /// <summary>
    /// Validates <paramref name="apiKey"/>: it must start with <see cref="LivePrefix"/> or
    /// <see cref="SandboxPrefix"/>, go on after it, and hold only printable ASCII. Errors never
    /// echo the key.
    /// </summary>
    /// <param name="apiKey">The key, as copied from the TryVox Dashboard.</param>
    /// <param name="source">Where the key came from, named in error messages.</param>
    /// <exception cref="ArgumentException">The key is missing or malformed.</exception>
    public static TryVoxApiKey Parse(string? apiKey, string source = "the API key")
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ArgumentException(
                $"No TryVox API key: {source} is empty. Copy a key from the TryVox Dashboard " +
                $"({LivePrefix}… for production, {SandboxPrefix}… for the sandbox).", nameof(apiKey));
        }

        var (prefix, environment) = apiKey.StartsWith(LivePrefix, StringComparison.Ordinal) ? (LivePrefix, TryVoxEnvironment.Live)
            : apiKey.StartsWith(SandboxPrefix, StringComparison.Ordinal) ? (SandboxPrefix, TryVoxEnvironment.Sandbox)
            : throw new ArgumentException(
                $"The TryVox API key in {source} is malformed: it must start with {LivePrefix} (production) " +
                $"or {SandboxPrefix} (sandbox). Copy the whole key from the TryVox Dashboard.", nameof(apiKey));

        if (apiKey.Length == prefix.Length)
        {
            throw new ArgumentException(
                $"The TryVox API key in {source} is incomplete: nothing follows its prefix. " +
                "Copy the whole key from the TryVox Dashboard.", nameof(apiKey));
        }

        for (var i = 0; i < apiKey.Length; i++)
        {
            if (apiKey[i] is <= ' ' or > '~')
            {
                throw new ArgumentException(
                    $"The TryVox API key in {source} contains a space, line break, control or non-ASCII " +
                    $"character (at position {i + 1} of {apiKey.Length}). Remove what was copied along with the key.",
                    nameof(apiKey));
            }
        }

        return new TryVoxApiKey(apiKey, environment);
    }

    /// <summary>The environment only; the key is never shown.</summary>
    public override string ToString() =>
        $"TryVox {(Environment == TryVoxEnvironment.Live ? "live" : "sandbox")} API key (redacted)";
}
