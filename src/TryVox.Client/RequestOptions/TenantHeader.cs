namespace TryVox.Client.RequestOptions;

/// <summary>The rules of the <c>X-Tenant-ID</c> header.</summary>
public static class TenantHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-Tenant-ID";

    /// <summary>The longest tenant id the API accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Returns <paramref name="tenantId"/> if it is null or 1–128 printable ASCII characters without spaces or
    /// commas; otherwise throws, so that nothing is sent. A comma is refused because proxies and gateways read a
    /// header's commas as separators between values: <c>a,b</c> would be two tenants to them.
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is empty, too long, or holds a comma, space, CR, LF or another control or non-ASCII character.</exception>
    public static string? Validate(string? tenantId)
    {
        if (tenantId is null)
        {
            return null;
        }

        if (tenantId.Length is 0 or > MaxLength)
        {
            throw new ArgumentException(
                $"The tenant id must be 1 to {MaxLength} characters long; it has {tenantId.Length}. " +
                "Use null for no tenant.", nameof(tenantId));
        }

        var bad = tenantId.AsSpan().IndexOfAnyExceptInRange('!', '~');
        var comma = tenantId.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0 && (bad < 0 || comma < bad))
        {
            throw new ArgumentException(
                $"The tenant id contains a comma (at position {comma + 1}), which gateways read as a separator between two " +
                $"tenants; {Name} takes one tenant id of printable ASCII without commas, such as tenant_xyz.", nameof(tenantId));
        }

        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The tenant id contains a space, CR, LF, control or non-ASCII character (U+{(int)tenantId[bad]:X4} at " +
                $"position {bad + 1}); {Name} allows printable ASCII only, such as tenant_xyz.", nameof(tenantId));
        }

        return tenantId;
    }
}
