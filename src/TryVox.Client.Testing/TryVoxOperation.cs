using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using TryVox.Client.Testing.Server;

namespace TryVox.Client.Testing;

/// <summary>
/// The spec's operations by their <c>operationId</c>: what <see cref="RecordedRequest.Operation"/> reports
/// and what <see cref="TryVoxFaults.On"/> takes. The constants name the operations with hand-written behaviour;
/// every other operation of the spec is served too (answered from the spec) and is named by its operationId.
/// </summary>
public static class TryVoxOperation
{
    /// <summary><c>POST /voice/accounts/{auth_id}/calls</c>: place a call.</summary>
    public const string CreateCall = "createCall";

    /// <summary><c>GET /voice/accounts/{auth_id}/calls</c>: list calls.</summary>
    public const string ListCalls = "listCalls";

    /// <summary><c>GET /account/{account_id}/numbers</c>: list phone numbers.</summary>
    public const string ListNumbers = "listNumbers";

    /// <summary>Every operationId of the spec, in ordinal order.</summary>
    internal static readonly string[] All = [.. SpecDocument.Embedded.Operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The operation routing chose for the request, or null (an unknown path): the generated route's name is the operationId.</summary>
    internal static string? Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>()?.AttributeRouteInfo?.Name;
}
