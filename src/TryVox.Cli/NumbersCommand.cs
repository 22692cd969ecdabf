using System.CommandLine;

namespace TryVox.Cli;

/// <summary><c>tryvox numbers list</c>.</summary>
internal static class NumbersCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var account = GlobalOptions.Account();
        var list = new Command("list", "List your phone numbers: GET /account/{account}/numbers.") { account };
        list.SetAction(async (result, cancellationToken) =>
        {
            using var client = global.CreateClient(result, console);
            var numbers = await client.Account[result.GetRequiredValue(account)].Numbers
                .GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            global.Writer(result, console).Numbers(numbers!);
        });

        return new Command("numbers", "List phone numbers.") { list };
    }
}
