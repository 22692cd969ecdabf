using System.Diagnostics;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TryVox.Client.Authentication;

/// <summary>
/// Kiota authentication provider that sends a TryVox API key as <c>Authorization: Bearer</c>,
/// only to the configured API origin, and only over https (plain http is allowed to loopback
/// addresses, for local sandboxes and tests). <see cref="TryVoxClient"/> uses it; use it yourself only with a
/// Kiota request adapter of your own. (Kiota's own <c>ApiKeyAuthenticationProvider</c> sends any key anywhere.)
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TryVoxAuthenticationProvider : IAuthenticationProvider
{
    private readonly Uri _baseUrl;

    /// <summary>Creates a provider that sends <paramref name="apiKey"/> to <paramref name="baseUrl"/> only.</summary>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not absolute, or is plain http to a non-loopback host.</exception>
    public TryVoxAuthenticationProvider(TryVoxApiKey apiKey, Uri baseUrl)
        : this(new TryVoxCredential(apiKey), baseUrl)
    {
    }

    /// <summary>Creates a provider that sends the current key of <paramref name="credential"/> to <paramref name="baseUrl"/> only.</summary>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not absolute, or is plain http to a non-loopback host.</exception>
    public TryVoxAuthenticationProvider(TryVoxCredential credential, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(baseUrl);
        Credential = credential;
        _baseUrl = ApiOrigin.Validate(baseUrl);
    }

    /// <summary>Whether the current key is a production or a sandbox key.</summary>
    public TryVoxEnvironment Environment => Credential.Key.Environment;

    internal TryVoxCredential Credential { get; }

    /// <inheritdoc />
    public Task AuthenticateRequestAsync(
        RequestInformation request,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAdd("Authorization", AuthorizationFor(request.URI, Credential.Key));
        return Task.CompletedTask;
    }

    /// <summary>The <c>Authorization</c> value of <paramref name="key"/> for a request to <paramref name="target"/>, which must be the API's origin.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="target"/> is on another origin.</exception>
    internal string AuthorizationFor(Uri target, TryVoxApiKey key) =>
        ApiOrigin.IsSameOrigin(target, _baseUrl) ? key.AuthorizationValue
        : throw new InvalidOperationException(
            $"Refusing to send the TryVox API key to {target.GetLeftPart(UriPartial.Authority)}: it is only sent to " +
            $"{_baseUrl.GetLeftPart(UriPartial.Authority)}. Set TryVoxClientOptions.BaseUrl to address another server.");

    /// <inheritdoc />
    public override string ToString() => $"{Credential.Key} for {_baseUrl.GetLeftPart(UriPartial.Authority)}";
}
