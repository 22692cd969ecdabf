namespace TryVox.Client.Authentication;

/// <summary>The rules for where credentials and tenant headers may travel.</summary>
internal static class ApiOrigin
{
    /// <summary>Returns <paramref name="baseUrl"/> if it is an absolute https URL, or http to a loopback host.</summary>
    public static Uri Validate(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                "The TryVox base URL must be an absolute https URL, such as https://api.tryvox.io/v1.", nameof(baseUrl));
        }

        if (!IsSecure(baseUrl))
        {
            throw new ArgumentException(
                $"The TryVox base URL {baseUrl.GetLeftPart(UriPartial.Authority)} uses plain http: https is required, " +
                "so the API key is never sent in clear text. Plain http is allowed only to loopback addresses " +
                "(localhost, 127.0.0.1, [::1]) for local sandboxes.", nameof(baseUrl));
        }

        return baseUrl;
    }

    /// <summary>https anywhere, plain http only to loopback.</summary>
    public static bool IsSecure(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    /// <summary>Whether a request to <paramref name="url"/> may carry the key and the tenant: the API's origin, over https (plain http to loopback).</summary>
    public static bool MayCarryCredentials(Uri url, Uri origin) => IsSameOrigin(url, origin) && IsSecure(url);

    /// <summary>Same scheme, host and port.</summary>
    /// <remarks>Compared part by part: <c>Uri.Compare</c> would build both URLs' scheme-and-server strings on every call.</remarks>
    public static bool IsSameOrigin(Uri? uri, Uri origin) =>
        uri is { IsAbsoluteUri: true }
        && uri.Scheme == origin.Scheme && uri.Port == origin.Port && string.Equals(uri.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase);
}
