using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace TryVox.Client.Testing;

/// <summary>
/// The spec's operations by their <c>operationId</c>: what <see cref="RecordedRequest.Operation"/> reports
/// and what <see cref="TryVoxFaults.On"/> takes.
/// </summary>
public static class TryVoxOperation
{
    /// <summary><c>POST /voice/accounts/{auth_id}/calls</c>: place a call.</summary>
    public const string CreateCall = "createCall";

    /// <summary><c>GET /voice/accounts/{auth_id}/calls</c>: list calls.</summary>
    public const string ListCalls = "listCalls";

    /// <summary><c>GET /account/{account_id}/numbers</c>: list phone numbers.</summary>
    public const string ListNumbers = "listNumbers";

    internal static readonly string[] All = [CreateCall, ListCalls, ListNumbers];

    /// <summary>
    /// The operation routing chose for the request, or null (an unknown path). NSwag names each action
    /// after the spec's operationId in PascalCase; the operationId is its camelCase form.
    /// </summary>
    internal static string? Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>()?.ActionName is { Length: > 0 } action
            ? char.ToLowerInvariant(action[0]) + action[1..]
            : null;
}
