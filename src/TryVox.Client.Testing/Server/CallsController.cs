using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>The spec's Calls operations; authentication, account and validation checks ran before these.</summary>
internal sealed class CallsController(ServerStore store) : CallsControllerBase
{
    /// <inheritdoc />
    public override Task<ActionResult<CallList>> ListCalls(string auth_id, string? x_Tenant_ID, CancellationToken cancellationToken = default) =>
        Task.FromResult<ActionResult<CallList>>(new CallList { Data = store.Calls(auth_id, x_Tenant_ID) });

    /// <inheritdoc />
    public override Task<ActionResult<Call>> CreateCall(CreateCallRequest body, string auth_id, string? x_Tenant_ID, CancellationToken cancellationToken = default)
    {
        // MVC refused a missing body (the parameter is not nullable). The spec: a call is placed "from one of the account's numbers".
        if (!store.Numbers(auth_id).Any(n => n.E164 == body.From))
        {
            return Task.FromResult<ActionResult<Call>>(ServerErrors.Validation(
                $"from must be one of the account's numbers (GET /account/{auth_id}/numbers); {body.From} is not"));
        }

        var call = store.PlaceCall(auth_id, x_Tenant_ID, body.From, body.To, body.Answer_url.OriginalString);
        RequestRecorder.Of(HttpContext).PlacedCallId = call.Id;
        return Task.FromResult<ActionResult<Call>>(StatusCode(StatusCodes.Status201Created, ServerStore.ToCall(call)));
    }
}
