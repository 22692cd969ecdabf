using System.CommandLine;
using System.Net;
using TryVox.Client.Authentication;
using TryVox.Client.Models;

namespace TryVox.Cli;

/// <summary><c>tryvox auth check</c>: the API reference's "Testing Authentication", one simple call, as one command.</summary>
internal static class AuthCommand
{
    /// <summary>Where the account comes from when <c>--account</c> is not given.</summary>
    public const string AccountEnvironmentVariable = "TRYVOX_ACCOUNT_ID";

    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var account = new Option<string?>("--account", "-a")
        {
            Description = $"Your account id (auth_id), such as AC123456, from the TryVox Dashboard [default: {AccountEnvironmentVariable}].",
            HelpName = "id",
        };
        var check = new Command("check",
            "Test your API key as the API reference does: list the account's numbers (GET /account/{account}/numbers). " +
            "Prints the key's environment and hint (tvx_sk_live_…1234), never the key. Exits 0 when the key is accepted, " +
            "3 when it is refused (401) or not valid for the account (403), 4 when the API cannot be reached.") { account };
        check.SetAction(async (result, cancellationToken) =>
        {
            var accountId = result.GetValue(account) is { Length: > 0 } given ? given
                : console.GetEnvironmentVariable(AccountEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
                : throw new CliException(ExitCodes.Usage,
                    $"No account: pass --account with your account id (such as AC123456) or set {AccountEnvironmentVariable}. " +
                    "Your account id is in the TryVox Dashboard.");
            var created = global.CreateClientWithKey(result, console);
            using var client = created.Client;
            var key = created.Key;
            console.Out.WriteLine($"Key:     {key.Hint} ({(key.Environment == TryVoxEnvironment.Live ? "live" : "sandbox")})");
            console.Out.WriteLine($"Account: {accountId}");

            PhoneNumberList? numbers;
            try
            {
                numbers = await client.Account[accountId].Numbers.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (TryVoxError e) when (e.ResponseStatusCode == (int)HttpStatusCode.Unauthorized)
            {
                throw new CliException(ExitCodes.Auth,
                    $"API error 401 {e.Code}: {e.Message.TrimEnd('.')}. The key {key.Hint} was refused: copy a current key from the TryVox Dashboard.");
            }
            catch (TryVoxError e) when (e.ResponseStatusCode == (int)HttpStatusCode.Forbidden)
            {
                throw new CliException(ExitCodes.Auth,
                    $"API error 403 {e.Code}: {e.Message.TrimEnd('.')}. The key is valid but not for account {accountId}: " +
                    "check --account, or use a key of that account.");
            }

            var count = numbers?.Data?.Count ?? 0;
            console.Out.WriteLine($"Authenticated: GET /account/{accountId}/numbers listed {count} {(count == 1 ? "number" : "numbers")}.");
        });

        return new Command("auth", "Check your API key against the API.") { check };
    }
}
