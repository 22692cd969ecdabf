using Microsoft.AspNetCore.Mvc;
using TryVox.Client.Testing.Server.Generated;

namespace TryVox.Client.Testing.Server;

/// <summary>The spec's Numbers operation: an account's numbers, the same under every tenant.</summary>
internal sealed class NumbersController(ServerStore store) : NumbersControllerBase
{
    /// <inheritdoc />
    public override Task<ActionResult<PhoneNumberList>> ListNumbers(ListNumbersArguments arguments, CancellationToken cancellationToken) =>
        Task.FromResult<ActionResult<PhoneNumberList>>(new PhoneNumberList { Data = [.. store.Numbers(arguments.account_id)] });
}
