using TryVox.Client.Authentication;
using TryVox.Client.Models;

namespace TryVox.Client.Testing;

/// <summary>How <see cref="TryVoxTestServer"/> is hosted.</summary>
public enum TryVoxTestServerMode
{
    /// <summary>In memory (TestHost): no sockets, no ports; reachable only through the server's clients and handlers.</summary>
    InMemory,

    /// <summary>On 127.0.0.1 (Kestrel), over real sockets: for other processes, or tests of socket behaviour.</summary>
    Loopback,
}

/// <summary>Settings for <see cref="TryVoxTestServer"/>; every property has a ready-to-use default.</summary>
public sealed class TryVoxTestServerOptions
{
    /// <summary>The port the standalone sandbox and <c>tryvox sandbox</c> listen on unless told otherwise.</summary>
    public const int DefaultStandalonePort = 4020;

    /// <summary>The seeded sandbox key: long enough for a hint (<c>tvx_sk_test_…0001</c>) in logs and metrics, as a real key has.</summary>
#pragma warning disable TVX0001 // The local sandbox's well-known key, printed in its banner and README: not a TryVox secret.
    public const string DefaultApiKey = "tvx_sk_test_localsandbox0001";
#pragma warning restore TVX0001

    /// <summary>The seeded account, the reference's example account.</summary>
    public const string DefaultAccountId = "AC123456";

    /// <summary>In memory (the default) or on 127.0.0.1.</summary>
    public TryVoxTestServerMode Mode { get; set; }

    /// <summary>The port on 127.0.0.1 in <see cref="TryVoxTestServerMode.Loopback"/> mode; 0 (the default) picks a free one.</summary>
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

    /// <summary>
    /// The clock of each call's <c>created_at</c>: pass a <c>FakeTimeProvider</c>
    /// (Microsoft.Extensions.TimeProvider.Testing) to control it. Fault delays, rate limits and
    /// <see cref="RecordedRequest.ReceivedAt"/> run in real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The most create-call requests each account may make in any one second (a sliding window over
    /// <see cref="RecordedRequest.ReceivedAt"/>); past it the server answers 429 with <c>Retry-After</c> and the spec's
    /// <c>RATE_LIMITED</c> body, and places nothing. Null (the default) for no limit. Limits run in real time.
    /// </summary>
    public int? CallsPerSecond { get; set; }

    /// <summary>The most requests, of any operation, each account may make in any one second, as <see cref="CallsPerSecond"/> counts calls; null (the default) for no limit.</summary>
    public int? RequestsPerSecond { get; set; }

    /// <summary>Call ids <c>call_0001</c>, <c>call_0002</c>, … in the order calls are placed, instead of random ones.</summary>
    public bool SequentialIds { get; set; }

    /// <summary>Where <see cref="TryVoxTestServer.RunAsync"/> prints its banner, and the server one line per request; null for silence.</summary>
    public TextWriter? Log { get; set; }

    /// <summary>Throws when a setting cannot work, saying which and why.</summary>
    internal void Validate()
    {
        if (!ApiKey.StartsWith(TryVoxApiKey.SandboxPrefix, StringComparison.Ordinal) || ApiKey.Length == TryVoxApiKey.SandboxPrefix.Length)
        {
            throw new ArgumentException($"TryVoxTestServerOptions.ApiKey must be a sandbox key: {TryVoxApiKey.SandboxPrefix} followed by the key.", nameof(ApiKey));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"TryVoxTestServerOptions.Port must be 0 to 65535 (0 picks a free port); it is {Port}.", nameof(Port));
        }

        foreach (var (limit, name) in new[] { (CallsPerSecond, nameof(CallsPerSecond)), (RequestsPerSecond, nameof(RequestsPerSecond)) })
        {
            if (limit < 1)
            {
                throw new ArgumentException($"TryVoxTestServerOptions.{name} must be at least 1, or null for no limit; it is {limit}.", name);
            }
        }

        ArgumentException.ThrowIfNullOrEmpty(AccountId);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ValidateNumbers(Numbers, nameof(Numbers));
    }

    internal static void ValidateNumbers(IEnumerable<PhoneNumber> numbers, string name)
    {
        if (numbers.Any(n => string.IsNullOrEmpty(n?.E164)))
        {
            throw new ArgumentException("Every phone number needs its E164 number, such as +14155550100.", name);
        }
    }
}
