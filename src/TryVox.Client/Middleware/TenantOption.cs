using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.Middleware;

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
}

/// <summary>The rules of the <c>X-Tenant-ID</c> header.</summary>
public static class TenantHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-Tenant-ID";

    /// <summary>The longest tenant id the API accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Returns <paramref name="tenantId"/> if it is null or 1–128 printable ASCII characters without
    /// spaces; otherwise throws, so that nothing is sent.
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is empty, too long, or holds a space, CR, LF or another control or non-ASCII character.</exception>
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
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The tenant id contains a space, CR, LF, control or non-ASCII character (U+{(int)tenantId[bad]:X4} at " +
                $"position {bad + 1}); {Name} allows printable ASCII only, such as tenant_xyz.", nameof(tenantId));
        }

        return tenantId;
    }
}
