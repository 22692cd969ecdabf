using System.CommandLine;
using System.Text.RegularExpressions;
using TryVox.Client.Models;

namespace TryVox.Cli;

/// <summary><c>tryvox calls create</c> and <c>tryvox calls list</c>.</summary>
internal static partial class CallsCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var account = GlobalOptions.Account();
        var from = PhoneNumber("--from", "The caller's number in E.164 form, one of your TryVox numbers, such as +919876543210.");
        var to = PhoneNumber("--to", "The number to call in E.164 form, such as +14155551234.");
        var answerUrl = new Option<string>("--answer-url")
        {
            Description = "The URL TryVox fetches when the call is answered, such as https://your-app.com/answer.",
            HelpName = "url",
            Required = true,
            Validators =
            {
                result =>
                {
                    var value = result.GetValueOrDefault<string>();
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    {
                        result.AddError($"--answer-url must be an absolute http(s) URL such as https://your-app.com/answer; got '{value}'.");
                    }
                },
            },
        };

        var create = new Command("create", "Place a call: POST /voice/accounts/{account}/calls.") { account, from, to, answerUrl };
        create.SetAction(async (result, cancellationToken) =>
        {
            using var client = global.CreateClient(result, console);
            var call = await client.Voice.Accounts[result.GetRequiredValue(account)].Calls.PostAsync(
                new CreateCallRequest
                {
                    From = result.GetRequiredValue(from),
                    To = result.GetRequiredValue(to),
                    AnswerUrl = result.GetRequiredValue(answerUrl),
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            global.Writer(result, console).Call(call!);
        });

        var listAccount = GlobalOptions.Account();
        var list = new Command("list", "List calls: GET /voice/accounts/{account}/calls.") { listAccount };
        list.SetAction(async (result, cancellationToken) =>
        {
            using var client = global.CreateClient(result, console);
            var calls = await client.Voice.Accounts[result.GetRequiredValue(listAccount)].Calls
                .GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            global.Writer(result, console).Calls(calls!);
        });

        return new Command("calls", "Place and list calls.") { create, list };
    }

    /// <summary>A required phone number option, checked client-side so an invalid number is never sent.</summary>
    private static Option<string> PhoneNumber(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "e164",
        Required = true,
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (!E164().IsMatch(value))
                {
                    result.AddError($"{name} must be an E.164 number: '+', country code and number, 2 to 15 digits, no spaces (such as +14155551234); got '{value}'.");
                }
            },
        },
    };

    /// <summary>The spec's E164 pattern: a plus, a non-zero first digit, at most 15 digits in all.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
