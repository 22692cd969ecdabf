using Microsoft.AspNetCore.Mvc;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>The spec's Numbers operation: an account's numbers, the same under every tenant.</summary>
internal sealed class NumbersController(ServerStore store) : NumbersControllerBase
{
    /// <inheritdoc />
    public override Task<ActionResult<PhoneNumberList>> ListNumbers(string account_id, string? x_Tenant_ID, CancellationToken cancellationToken = default) =>
        Task.FromResult<ActionResult<PhoneNumberList>>(new PhoneNumberList { Data = [.. store.Numbers(account_id)] });
}
