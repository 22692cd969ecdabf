using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.Diagnostics;
using TryVox.Client.RequestOptions;
using TryVox.Client.SendOnce;

namespace TryVox.Client.Http;

/// <summary>An operation's request, checked once before anything is sent: it builds the message of every attempt and redirect.</summary>
internal readonly record struct PreparedRequest(ClientSettings Settings, RequestInformation Info, Operation Operation, Uri Url, TryVoxApiKey Key, string? Tenant, KiotaRequestOptions Kiota)
{
    /// <summary>The request's retry policy: its <see cref="RetryOption"/>, else the client's; none for a body that cannot be read twice, which cannot be sent twice.</summary>
    public RetryPolicy Retry => Info.Content is { CanSeek: false } ? RetryPolicy.None : Info.GetRequestOption<RetryOption>()?.Policy ?? Settings.Retry;

    /// <summary>
    /// Checks <paramref name="info"/> before anything is sent: its path parameters, the URL's origin (the key goes
    /// to the API only), its tenant and its Kiota request options. The authentication provider chooses the key,
    /// the one of this operation's every attempt.
    /// </summary>
    /// <exception cref="ArgumentException">A path parameter or the tenant id is malformed.</exception>
    /// <exception cref="InvalidOperationException">The URL is not on the API's origin.</exception>
    /// <exception cref="NotSupportedException">A Kiota request option the client cannot honour.</exception>
    public static PreparedRequest Create(ClientSettings settings, RequestInformation info, string? defaultTenant)
    {
        var kiota = KiotaRequestOptions.Of(info);
        var operation = Operation.Of(info);
        var url = operation.Url(info, settings.BaseUrlText);
        var key = settings.Authentication.KeyFor(url);
        return new PreparedRequest(settings, info, operation, url, key, TenantOption.Resolve(info, defaultTenant), kiota);
    }

    /// <summary>
    /// A message to <paramref name="url"/>; with the request's body unless <paramref name="method"/> is GET (after a 303
    /// redirect). A request that is not safe to repeat always has a content, which carries the attempt's send-once token.
    /// </summary>
    public HttpRequestMessage Message(Uri url, HttpMethod method, SendOnceToken? token, OperationReport? report)
    {
        var message = new HttpRequestMessage(method, url)
        {
            Content = method == HttpMethod.Get ? null : Content(token),
            Version = Settings.RequestVersion,
            VersionPolicy = Settings.RequestVersionPolicy,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation("User-Agent", Settings.UserAgent);
        headers.TryAddWithoutValidation("Accept-Encoding", WireNames.AcceptEncoding);

        // The tenant goes where the key goes: to the API's origin only, never along a redirect elsewhere.
        if (Settings.Authentication.Authorize(message, Key) && Tenant is not null)
        {
            headers.TryAddWithoutValidation(TenantHeader.Name, Tenant);
        }

        CopyHeaders(headers);
        if (Info.RequestOptions is not ICollection<IRequestOption> { Count: 0 })
        {
            // Kiota's convention, for the application's own handlers that read Kiota request options.
            foreach (var option in Info.RequestOptions)
            {
                ((IDictionary<string, object?>)message.Options)[option.GetType().FullName!] = option;
            }
        }

        report?.Attach(message);
        Kiota.Sending(message, Key);
        return message;
    }

    private HttpContent? Content(SendOnceToken? token)
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
        || name.Equals(TryVoxAuthenticationProvider.Header, StringComparison.OrdinalIgnoreCase)
        || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase);
}
