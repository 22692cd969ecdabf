using System.Security.Cryptography;
using System.Text;
using TryVox.Client.Authentication;

namespace TryVox.Client.Placement;

/// <summary>
/// A placement key's name in the ledger: a namespace, then the key. The namespace is a hash (SHA-256, 32 hex digits) of
/// the API origin and the create-call's path (which names the account), the tenant, and the API key: the same key under
/// another account, tenant or API key is another placement, and the ledger never sees the API key.
/// </summary>
internal static class LedgerKey
{
    public static string Of(Uri url, string? tenant, TryVoxApiKey apiKey, PlacementKey key)
    {
        // Each part on its own line: none of them holds a line break (URLs are escaped, tenants and keys are printable ASCII).
        var scope = $"{url.GetLeftPart(UriPartial.Path)}\n{tenant}\n{apiKey.AuthorizationValue}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(scope), hash);
        return $"{Convert.ToHexStringLower(hash[..16])}:{key.Value}";
    }
}
