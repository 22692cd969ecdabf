using System.Diagnostics;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TryVox.Client.Authentication;

/// <summary>
/// Kiota authentication provider that sends a TryVox API key as <c>Authorization: Bearer</c>,
/// only to the configured API origin, and only over https (plain http is allowed to loopback
/// addresses, for local sandboxes and tests).
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ApiKeyAuthenticationProvider : IAuthenticationProvider
{
    private readonly TryVoxApiKey _apiKey;
    private readonly Uri _baseUrl;

    /// <summary>Creates a provider that sends <paramref name="apiKey"/> to <paramref name="baseUrl"/> only.</summary>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not absolute, or is plain http to a non-loopback host.</exception>
    public ApiKeyAuthenticationProvider(TryVoxApiKey apiKey, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _apiKey = apiKey;
        _baseUrl = ApiOrigin.Validate(baseUrl);
    }

    /// <summary>Whether the key is a production or a sandbox key.</summary>
    public TryVoxEnvironment Environment => _apiKey.Environment;

    /// <inheritdoc />
    public Task AuthenticateRequestAsync(
        RequestInformation request,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.URI;
        if (!ApiOrigin.IsSameOrigin(target, _baseUrl))
        {
            throw new InvalidOperationException(
                $"Refusing to send the TryVox API key to {target.GetLeftPart(UriPartial.Authority)}: it is only sent to " +
                $"{_baseUrl.GetLeftPart(UriPartial.Authority)}. Set TryVoxClientOptions.BaseUrl to address another server.");
        }

        request.Headers.TryAdd("Authorization", _apiKey.AuthorizationValue);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"{_apiKey} for {_baseUrl.GetLeftPart(UriPartial.Authority)}";
}
