using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// <c>Authorization: Bearer &lt;api_key&gt;</c>, as the reference documents it: a missing, malformed
/// (not <c>tvx_sk_test_…</c>/<c>tvx_sk_live_…</c>) or unknown key gets the reference's 401 body. A
/// known key's account is kept for the account check of <see cref="SpecRequestFilter"/>.
/// </summary>
internal static class ApiKeyAuthentication
{
    private const string BearerPrefix = "Bearer ";
    private static readonly string[] DocumentedPrefixes = ["tvx_sk_test_", "tvx_sk_live_"];

    public static string AccountId(HttpContext context) => (string)context.Items[typeof(ApiKeyAuthentication)]!;

    /// <summary>The account of the request's key; null when the key is missing, malformed or unknown.</summary>
    public static string? AccountOf(HttpContext context, ServerStore store) =>
        ReadKey(context.Request.Headers.Authorization.ToString()) is { } key ? store.AccountOf(key) : null;

    public static async Task AuthenticateAsync(HttpContext context, RequestDelegate next, ServerStore store, JsonSerializerOptions json)
    {
        var account = AccountOf(context, store);
        if (account is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ServerErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, ServerErrors.Unauthorized, json).ConfigureAwait(false);
            return;
        }

        context.Items[typeof(ApiKeyAuthentication)] = account;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The key if the header is a Bearer token with a documented prefix and nothing but printable ASCII after it.</summary>
    private static string? ReadKey(string header)
    {
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header[BearerPrefix.Length..];
        var prefix = DocumentedPrefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal));
        return prefix is not null && key.Length > prefix.Length && !key.AsSpan().ContainsAnyExceptInRange('!', '~') ? key : null;
    }
}
