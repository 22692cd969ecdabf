using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using TryVox.Client.Authentication;

namespace TryVox.Client.Middleware;

/// <summary>
/// Sits inside the redirect handler, so it sees every hop. It sets the SDK's <c>User-Agent</c>; on the API origin it sets
/// <c>X-Tenant-ID</c> (per-request <see cref="TenantOption"/> or header, else the client's tenant); anywhere
/// else, or over plain http to a non-loopback host, it strips <c>Authorization</c> and
/// <c>X-Tenant-ID</c>, so neither follows a redirect off the API.
/// </summary>
internal sealed class TryVoxHeadersHandler(Uri apiOrigin, string? defaultTenantId, string userAgent) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        headers.Remove("User-Agent");
        headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (!ApiOrigin.IsSameOrigin(request.RequestUri, apiOrigin) || !ApiOrigin.IsSecure(request.RequestUri!))
        {
            headers.Authorization = null;
            headers.Remove(TenantHeader.Name);
            return base.SendAsync(request, cancellationToken);
        }

        // A TenantOption wins over a header set through Kiota's request configuration, which wins over the client's tenant.
        var tenant = request.GetRequestOption<TenantOption>() is { } option ? option.TenantId
            : headers.TryGetValues(TenantHeader.Name, out var values) ? TenantHeader.Validate(string.Join(",", values))
            : defaultTenantId;
        headers.Remove(TenantHeader.Name);
        if (tenant is not null)
        {
            headers.TryAddWithoutValidation(TenantHeader.Name, tenant);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
