using TryVox.Sandbox.Generated;

namespace TryVox.Sandbox;

/// <summary>Settings for <see cref="SandboxServer"/>; every property has a ready-to-use default.</summary>
public sealed class SandboxOptions
{
    /// <summary>The port the standalone sandbox listens on unless told otherwise.</summary>
    public const int DefaultStandalonePort = 4020;

    /// <summary>The seeded sandbox key.</summary>
#pragma warning disable TVX0001 // The local sandbox's well-known key, printed in its banner and README: not a TryVox secret.
    public const string DefaultApiKey = "tvx_sk_test_sandbox";
#pragma warning restore TVX0001

    /// <summary>The seeded account, the reference's example account.</summary>
    public const string DefaultAccountId = "AC123456";

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The seeded account's key; it must be a sandbox key (<c>tvx_sk_test_…</c>).</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The seeded account.</summary>
    public string AccountId { get; set; } = DefaultAccountId;

    /// <summary>The seeded account's phone numbers; calls may be placed from these only.</summary>
    public IList<PhoneNumber> Numbers { get; } =
    [
        new() { E164 = "+919876543210", Country = "IN", Status = "active" },
        new() { E164 = "+14155550100", Country = "US", Status = "active" },
    ];

    /// <summary>Where the standalone sandbox prints its banner and one line per request; null for silence.</summary>
    public TextWriter? Log { get; set; }
}
