using System.Net;
using TryVox.Client.Diagnostics;
using TryVox.Client.SendOnce;

namespace TryVox.Client.Http;

/// <summary>How many redirects an attempt followed, and why it stopped at a redirect it did not follow.</summary>
internal readonly record struct Redirects(int Followed, string? NotFollowedBecause);

/// <summary>
/// Sends one attempt and follows its redirects, as browsers and Kiota's redirect handler do: at most
/// <see cref="MaxRedirects"/>, 303 as a GET without the body, and never from https to plain http, which would send
/// the request in clear text. Each hop gets a message of its own (<see cref="PreparedRequest.Message"/>), which
/// carries the key and tenant only to the API's origin.
/// </summary>
internal static class RedirectFollower
{
    /// <summary>How many redirects one attempt follows.</summary>
    public const int MaxRedirects = 5;

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(HttpResponseMessage Response, Redirects Redirects)> SendAsync(
        PreparedRequest request, SendOnceToken? token, OperationReport report, CancellationToken cancellationToken)
    {
        var (url, method) = (request.Url, request.Operation.HttpMethod);
        for (var followed = 0; ; followed++)
        {
            var response = await request.Settings.SendAsync(request.Message(url, method, token, report), cancellationToken).ConfigureAwait(false);
            request.Kiota.Answered(response);
            if (!IsRedirect(response, out var location))
            {
                return (response, new Redirects(followed, null));
            }

            var target = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (Refusal(url, target, followed) is { } because)
            {
                return (response, new Redirects(followed, because));
            }

            response.Dispose();
            url = target;
            if (response.StatusCode == HttpStatusCode.SeeOther)
            {
                // 303: fetch the result with a GET, without the body.
                method = HttpMethod.Get;
            }
        }
    }

    private static bool IsRedirect(HttpResponseMessage response, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? location)
    {
        location = response.Headers.Location;
        return location is not null && response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
    }

    /// <summary>Why a redirect is not followed; null when it is.</summary>
    private static string? Refusal(Uri url, Uri target, int followed) =>
        followed == MaxRedirects ? $"the client follows at most {MaxRedirects}"
        : target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp ? $"its Location is not an http or https URL ({target.Scheme})"
        : url.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp
            ? $"the client does not follow a redirect from https to plain http ({target.GetLeftPart(UriPartial.Authority)}), which would send the request in clear text"
        : null;
}
