using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.Middleware;

namespace TryVox.Client.Http;

/// <summary>An operation's request, checked once before anything is sent: it builds the message of every attempt and redirect.</summary>
internal readonly record struct PreparedRequest(ClientPipeline Pipeline, RequestInformation Info, Operation Operation, Uri Url, TryVoxApiKey Key, string? Tenant)
{
    /// <summary>
    /// A message to <paramref name="url"/>; with the request's body unless <paramref name="method"/> is GET (after a 303
    /// redirect). A request that is not safe to repeat always has a content, which carries the attempt's send-once token.
    /// </summary>
    public HttpRequestMessage Message(Uri url, HttpMethod method, int attempt, SendOnceHandler.Token? token)
    {
        var message = new HttpRequestMessage(method, url)
        {
            Content = method == HttpMethod.Get ? null : Content(token),
            Version = Pipeline.RequestVersion,
            VersionPolicy = Pipeline.RequestVersionPolicy,
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

        CopyHeaders(headers);

        if (attempt > 1)
        {
            message.Options.Set(TryVoxRequestOptions.Attempt, attempt);
        }

        if (Info.RequestOptions is not ICollection<IRequestOption> { Count: 0 })
        {
            // Kiota's convention, for the application's own handlers that read Kiota request options.
            foreach (var option in Info.RequestOptions)
            {
                ((IDictionary<string, object?>)message.Options)[option.GetType().FullName!] = option;
            }
        }

        return message;
    }

    private HttpContent? Content(SendOnceHandler.Token? token)
    {
        var body = Info.Content is { } stream && stream != Stream.Null ? stream : null;
        if (body is null && token is null)
        {
            return null;
        }

        HttpContent content = body is { CanSeek: false } ? new StreamContent(body) : new RequestContent(body ?? Stream.Null, token);
        if (Info.Headers.TryGetValue("Content-Type", out var contentType))
        {
            Add(content.Headers, "Content-Type", contentType);
        }

        return content;
    }

    /// <summary>The request builder's headers (Accept, and any the caller configured), but those the client sets itself.</summary>
    private void CopyHeaders(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
        var own = Info.Headers;
        // The generated builders set Accept, and Content-Type with a body: copy those without enumerating Kiota's headers.
        var known = (own.TryGetValue("Accept", out var accept) ? 1 : 0) + (own.ContainsKey("Content-Type") ? 1 : 0);
        if (known == own.Count)
        {
            if (accept is not null)
            {
                Add(headers, "Accept", accept);
            }

            return;
        }

        foreach (var (name, values) in own)
        {
            if (!IsSetByTheClient(name))
            {
                headers.TryAddWithoutValidation(name, values);
            }
        }
    }

    /// <summary>A header of the request builder's; its usual single value without boxing an enumerator of Kiota's value set.</summary>
    private static void Add(System.Net.Http.Headers.HttpHeaders headers, string name, IEnumerable<string> values)
    {
        if (values is HashSet<string> { Count: 1 } single)
        {
            foreach (var value in single)
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }
        else
        {
            headers.TryAddWithoutValidation(name, values);
        }
    }

    private static bool IsSetByTheClient(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TenantHeader.Name, StringComparison.OrdinalIgnoreCase)
        || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
}
