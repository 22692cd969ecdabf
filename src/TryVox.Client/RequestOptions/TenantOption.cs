using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.RequestOptions;

/// <summary>
/// Per-request tenant: overrides <see cref="TryVoxClientOptions.TenantId"/> for one request.
/// A <c>null</c> tenant sends the request without <c>X-Tenant-ID</c>.
/// </summary>
/// <example><code>
/// await client.Voice.Accounts["AC123456"].Calls.GetAsync(r => r.Options.Add(new TenantOption("tenant_abc")));
/// </code></example>
public sealed class TenantOption(string? tenantId) : IRequestOption
{
    /// <summary>The tenant for this request, or <c>null</c> for none.</summary>
    public string? TenantId { get; } = TenantHeader.Validate(tenantId);

    /// <summary>
    /// The tenant of a request: its <see cref="TenantOption"/>, else the <c>X-Tenant-ID</c> header set through its
    /// request configuration, else <paramref name="clientTenant"/>. A header set twice is refused, never joined:
    /// <c>tenant_a,tenant_b</c> would reach a gateway that splits it on commas as two tenants.
    /// </summary>
    /// <exception cref="ArgumentException">The header has more than one value, or a malformed one.</exception>
    internal static string? Resolve(RequestInformation request, string? clientTenant)
    {
        if (request.GetRequestOption<TenantOption>() is { } option)
        {
            return option.TenantId;
        }

        if (!request.Headers.TryGetValue(TenantHeader.Name, out var values))
        {
            return clientTenant;
        }

        using var each = values.GetEnumerator();
        var tenant = each.MoveNext() ? each.Current : string.Empty;
        return each.MoveNext()
            ? throw new ArgumentException(
                $"{TenantHeader.Name} was set more than once on this request; a request acts for one tenant. Set it once, " +
                "or use a TenantOption (which overrides the header) or TryVoxClient.WithTenant.", nameof(request))
            : TenantHeader.Validate(tenant);
    }
}
