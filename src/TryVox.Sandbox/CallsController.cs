using Microsoft.AspNetCore.Mvc;
using TryVox.Sandbox.Generated;

namespace TryVox.Sandbox;

/// <summary>The spec's Calls operations; authentication, account and validation checks ran before these.</summary>
public sealed class CallsController : CallsControllerBase
{
    // MVC activates controllers through public constructors only; the store stays internal.
    private SandboxStore Store => HttpContext.RequestServices.GetRequiredService<SandboxStore>();

    /// <inheritdoc />
    public override Task<ActionResult<CallList>> ListCalls(string auth_id, string? x_Tenant_ID, CancellationToken cancellationToken = default) =>
        Task.FromResult<ActionResult<CallList>>(new CallList { Data = Store.Calls(auth_id, x_Tenant_ID) });

    /// <inheritdoc />
    public override Task<ActionResult<Call>> CreateCall(CreateCallRequest? body, string auth_id, string? x_Tenant_ID, CancellationToken cancellationToken = default)
    {
        if (body is null)
        {
            // The spec's requestBody is required; the generated parameter is not [BindRequired].
            return Task.FromResult<ActionResult<Call>>(SandboxErrors.Validation("A JSON request body is required"));
        }

        // The spec: a call is placed "from one of the account's numbers".
        if (!Store.Numbers(auth_id).Any(n => n.E164 == body.From))
        {
            return Task.FromResult<ActionResult<Call>>(SandboxErrors.Validation(
                $"from must be one of the account's numbers (GET /account/{auth_id}/numbers); {body.From} is not"));
        }

        var call = Store.AddCall(auth_id, x_Tenant_ID, body.From, body.To, body.Answer_url.OriginalString);
        return Task.FromResult<ActionResult<Call>>(StatusCode(StatusCodes.Status201Created, call));
    }
}
