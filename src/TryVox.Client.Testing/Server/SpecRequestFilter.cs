using Microsoft.AspNetCore.Mvc.Filters;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// Runs before every action, after model binding, in the order the real API is expected to use:
/// the key's account must be the account in the path (403), then the request must satisfy the
/// spec (400): its tenant header, its parameters' types and enum values, its body's schema (the
/// DTOs' validation attributes; MVC refuses an empty body). An operation whose path names no
/// account (such as a status endpoint) needs only a valid key, of any account. The generated
/// controllers carry no <c>[ApiController]</c>, so without this filter an invalid body would reach
/// the action; MVC's own answer would be ProblemDetails, not the spec's error.
/// </summary>
internal sealed class SpecRequestFilter : IActionFilter
{
    /// <summary>The path parameters that name the account: the reference spells it two ways.</summary>
    private static readonly string[] AccountParameters = ["auth_id", "account_id"];

    public const string TenantHeader = "X-Tenant-ID";
    private const int TenantMaxLength = 128;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (AccountParameters.FirstOrDefault(context.RouteData.Values.ContainsKey) is { } accountParameter
            && context.RouteData.Values[accountParameter] is string pathAccount
            && !string.Equals(pathAccount, ApiKeyAuthentication.AccountId(context.HttpContext), StringComparison.Ordinal))
        {
            context.Result = ServerErrors.Forbidden(pathAccount);
            return;
        }

        var problems = TenantProblems(context).Concat(
            context.ModelState.Where(entry => entry.Value!.Errors.Count > 0)
                .SelectMany(entry => entry.Value!.Errors.Select(error => Describe(entry.Key, error.ErrorMessage))))
            .ToList();
        if (problems.Count > 0)
        {
            context.Result = ServerErrors.Validation(string.Join("; ", problems));
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    /// <summary>The spec's pattern for <c>X-Tenant-ID</c>: 1–128 printable ASCII characters, no spaces.</summary>
    private static IEnumerable<string> TenantProblems(ActionExecutingContext context)
    {
        if (!context.HttpContext.Request.Headers.TryGetValue(TenantHeader, out var values))
        {
            yield break;
        }

        var tenant = values.ToString();
        if (values.Count != 1 || tenant.Length is 0 or > TenantMaxLength || tenant.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            yield return $"{TenantHeader} must be 1 to {TenantMaxLength} printable ASCII characters without spaces, such as tenant_xyz";
        }
    }

    /// <summary>Binding errors name the JSON field (SystemTextJsonValidationMetadataProvider); a body-level error has an empty key.</summary>
    private static string Describe(string key, string message) =>
        key.Length == 0 || message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}";
}
