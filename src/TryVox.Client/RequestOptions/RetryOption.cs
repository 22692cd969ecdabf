using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.RequestOptions;

/// <summary>
/// Per-request retry policy: overrides <see cref="TryVoxClientOptions.Retry"/> for one request. It changes
/// how often and how long apart, never what may be re-sent: a create-call POST stays safe.
/// </summary>
/// <example><code>
/// await client.Account["AC123456"].Numbers.GetAsync(r => r.Options.Add(RetryOption.Disabled));
/// </code></example>
public sealed class RetryOption(RetryPolicy policy) : IRequestOption
{
    /// <summary>An option that sends the request once, whatever the answer.</summary>
    public static RetryOption Disabled => new(RetryPolicy.None);

    /// <summary>The policy for this request.</summary>
    public RetryPolicy Policy { get; } = (policy ?? throw new ArgumentNullException(nameof(policy))).Validated();
}
