using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>The spec's Calls operations; authentication, account and validation checks ran before these.</summary>
internal sealed class CallsController(ServerStore store) : CallsControllerBase
{
    /// <inheritdoc />
    public override Task<ActionResult<CallList>> ListCalls(ListCallsArguments arguments, CancellationToken cancellationToken) =>
        Task.FromResult<ActionResult<CallList>>(new CallList { Data = store.Calls(arguments.auth_id, arguments.x_Tenant_ID) });

    /// <inheritdoc />
    public override Task<ActionResult<Call>> CreateCall(CreateCallArguments arguments, CancellationToken cancellationToken)
    {
        var (body, auth_id) = (arguments.body, arguments.auth_id);
        // MVC refused a missing body (the parameter is not nullable). The spec: a call is placed "from one of the account's numbers".
        if (!store.Numbers(auth_id).Any(n => n.E164 == body.From))
        {
            return Task.FromResult<ActionResult<Call>>(ServerErrors.Validation(
                $"from must be one of the account's numbers (GET /account/{auth_id}/numbers); {body.From} is not"));
        }

        var call = store.PlaceCall(auth_id, arguments.x_Tenant_ID, body.From, body.To, body.Answer_url.OriginalString);
        RequestRecorder.Of(HttpContext).PlacedCallId = call.Id;
        return Task.FromResult<ActionResult<Call>>(StatusCode(StatusCodes.Status201Created, ServerStore.ToCall(call)));
    }
}
