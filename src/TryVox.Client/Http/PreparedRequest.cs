using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.Middleware;

namespace TryVox.Client.Http;

/// <summary>An operation's request, checked once before anything is sent: it builds the message of every attempt and redirect.</summary>
internal readonly record struct PreparedRequest(ClientPipeline Pipeline, RequestInformation Info, Operation Operation, Uri Url, TryVoxApiKey Key, string? Tenant)
{
    /// <summary>A message to <paramref name="url"/>; with the request's body unless <paramref name="method"/> is GET (a 303 redirect).</summary>
    public HttpRequestMessage Message(Uri url, HttpMethod method, int attempt, SendOnceHandler.Token? token)
    {
        var message = new HttpRequestMessage(method, url)
        {
            Content = method == HttpMethod.Get ? null : Content(),
            Version = Pipeline.Http.DefaultRequestVersion,
            VersionPolicy = Pipeline.Http.DefaultVersionPolicy,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation("User-Agent", Pipeline.UserAgent);

        // The key and the tenant go to the API's origin only, and only over https (plain http to loopback): never along a redirect elsewhere.
        if (ApiOrigin.IsSameOrigin(url, Pipeline.BaseUrl) && ApiOrigin.IsSecure(url))
        {
            headers.TryAddWithoutValidation("Authorization", Key.AuthorizationValue);
            if (Tenant is not null)
            {
                headers.TryAddWithoutValidation(TenantHeader.Name, Tenant);
            }
        }

        foreach (var (name, values) in Info.Headers)
        {
            if (!IsSetByTheClient(name))
            {
                headers.TryAddWithoutValidation(name, values);
            }
        }

        var options = message.Options;
        options.Set(TryVoxRequestOptions.Operation, Operation.Name);
        options.Set(TryVoxRequestOptions.Attempt, attempt);
        if (token is not null)
        {
            options.Set(SendOnceHandler.Key, token);
        }

        if (Info.RequestOptions is not ICollection<IRequestOption> { Count: 0 })
        {
            // Kiota's convention, for the application's own handlers that read Kiota request options.
            foreach (var option in Info.RequestOptions)
            {
                ((IDictionary<string, object?>)options)[option.GetType().FullName!] = option;
            }
        }

        return message;
    }

    private HttpContent? Content()
    {
        if (Info.Content is not { } body || body == Stream.Null)
        {
            return null;
        }

        HttpContent content = body.CanSeek ? new RequestContent(body) : new StreamContent(body);
        if (Info.Headers.TryGetValue("Content-Type", out var contentType))
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static bool IsSetByTheClient(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TenantHeader.Name, StringComparison.OrdinalIgnoreCase)
        || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
}
