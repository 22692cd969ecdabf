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

    /// <summary>The header the key travels in.</summary>
    internal const string Header = "Authorization";

    /// <summary>Whether the current key is a production or a sandbox key.</summary>
    public TryVoxEnvironment Environment => Credential.Key.Environment;

    internal TryVoxCredential Credential { get; }

    /// <summary>Sets <c>Authorization: Bearer</c> with the current key on a request to the API's origin; refuses any other target.</summary>
    /// <exception cref="InvalidOperationException">The request's URL is on another origin than the API's.</exception>
    public Task AuthenticateRequestAsync(
        RequestInformation request,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyFor(request.URI);
        request.Headers.Remove(Header);
        request.Headers.Add(Header, key.AuthorizationValue);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The key of a request to <paramref name="target"/>, which must be the API's origin: the current key, which every
    /// attempt and redirect of the request then sends, even when the credential is rotated meanwhile.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="target"/> is on another origin than the API's.</exception>
    internal TryVoxApiKey KeyFor(Uri target) => ApiOrigin.IsSameOrigin(target, _baseUrl) ? Credential.Key
        : throw new InvalidOperationException(
            $"Refusing to send the TryVox API key to {target.GetLeftPart(UriPartial.Authority)}: it is only sent to " +
            $"{_baseUrl.GetLeftPart(UriPartial.Authority)}. Set TryVoxClientOptions.BaseUrl to address another server.");

    /// <summary>
    /// Puts <paramref name="key"/> on <paramref name="message"/> when the message may carry it: to the API's origin,
    /// over https (plain http to loopback). A redirect elsewhere, or to plain http, goes without it. Returns whether
    /// it did, which is where the tenant may go too.
    /// </summary>
    internal bool Authorize(HttpRequestMessage message, TryVoxApiKey key)
    {
        if (!ApiOrigin.MayCarryCredentials(message.RequestUri!, _baseUrl))
        {
            return false;
        }

        message.Headers.TryAddWithoutValidation(Header, key.AuthorizationValue);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Credential.Key} for {_baseUrl.GetLeftPart(UriPartial.Authority)}";
}
