using Microsoft.AspNetCore.Mvc;
using TryVox.Sandbox.Generated;

namespace TryVox.Sandbox;

/// <summary>The spec's Numbers operation: an account's numbers, the same under every tenant.</summary>
public sealed class NumbersController : NumbersControllerBase
{
    // MVC activates controllers through public constructors only; the store stays internal.
    private SandboxStore Store => HttpContext.RequestServices.GetRequiredService<SandboxStore>();

    /// <inheritdoc />
    public override Task<ActionResult<PhoneNumberList>> ListNumbers(string account_id, string? x_Tenant_ID, CancellationToken cancellationToken = default) =>
        Task.FromResult<ActionResult<PhoneNumberList>>(new PhoneNumberList { Data = [.. Store.Numbers(account_id)] });
}
