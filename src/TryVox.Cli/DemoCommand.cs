using System.CommandLine;
using TryVox.Client;
using TryVox.Client.Authentication;
using TryVox.Client.Models;
using TryVox.Client.Testing;

namespace TryVox.Cli;

/// <summary>
/// <c>tryvox demo</c>: starts the sandbox in-process on a free loopback port and walks through the
/// API reference's examples with the SDK. Needs no key, no network and no environment variables.
/// </summary>
internal static class DemoCommand
{
    private const string Tenant = "tenant_xyz";

    private static readonly CreateCallRequest ExampleCall = new()
    {
        From = "+919876543210",
        To = "+14155551234",
        AnswerUrl = "https://your-app.com/answer",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("demo",
            "Walk through the API on an in-process sandbox: authenticate, place the reference's example call, list calls and " +
            "numbers, see a bad key refused (401) and tenant isolation. Offline; no key needed.");
        command.SetAction((_, cancellationToken) => RunAsync(console.Out, cancellationToken));
        return command;
    }

    private static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var table = new OutputWriter(output, json: false);
        output.WriteLine("TryVox demo: the .NET SDK against a local sandbox. Offline; no API key or account needed.");

        Step(output, 1, "Start the sandbox (in-process, on a free loopback port)");
        await using var sandbox = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback }, cancellationToken)
            .ConfigureAwait(false);
        var account = sandbox.AccountId;
        output.WriteLine($"Listening on {sandbox.BaseUrl}, account {account}");

        Step(output, 2, "Authenticate with a sandbox key");
        using var client = Client(sandbox, sandbox.ApiKey);
        output.WriteLine($"new TryVoxClient(new TryVoxClientOptions {{ ApiKey = \"{Redact(sandbox.ApiKey)}\", BaseUrl = {sandbox.BaseUrl} }})");
        output.WriteLine($"Key environment: {TryVoxApiKey.Parse(sandbox.ApiKey).Environment}; sent as Authorization: Bearer {Redact(sandbox.ApiKey)}");

        Step(output, 3, $"Place the reference's example call: POST /voice/accounts/{account}/calls");
        output.WriteLine($"from {ExampleCall.From}, to {ExampleCall.To}, answer_url {ExampleCall.AnswerUrl}");
        var calls = client.Voice.Accounts[account].Calls;
        table.Call((await calls.PostAsync(ExampleCall, cancellationToken: cancellationToken).ConfigureAwait(false))!);

        Step(output, 4, $"List calls: GET /voice/accounts/{account}/calls");
        table.Calls((await calls.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))!);

        Step(output, 5, $"List numbers: GET /account/{account}/numbers");
        table.Numbers((await client.Account[account].Numbers.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))!);

#pragma warning disable TVX0001 // A made-up key, there to be refused.
        const string badKey = TryVoxApiKey.SandboxPrefix + "not_a_real_key";
#pragma warning restore TVX0001
        Step(output, 6, $"A bad key is refused: GET /account/{account}/numbers with {Redact(badKey)}");
        try
        {
            using var refused = Client(sandbox, badKey);
            await refused.Account[account].Numbers.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("The sandbox accepted an unknown key.");
        }
        catch (TryVoxError e)
        {
            output.WriteLine($"TryVoxError: status {e.ResponseStatusCode}, code {e.Code}, message \"{e.Message}\"");
        }

        Step(output, 7, $"Tenant-scoped requests: client.WithTenant(\"{Tenant}\") sends X-Tenant-ID: {Tenant}");
        var tenantScoped = client.WithTenant(Tenant).Voice.Accounts[account].Calls;
        await tenantScoped.PostAsync(ExampleCall, cancellationToken: cancellationToken).ConfigureAwait(false);
        var tenantCalls = await tenantScoped.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Placed the example call as {Tenant}; {Tenant} now lists:");
        table.Calls(tenantCalls!);
        var untenanted = await calls.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Without X-Tenant-ID the account still lists {Count(untenanted!)}: tenants are isolated.");

        output.WriteLine();
        output.WriteLine("Done. Run 'tryvox sandbox' to keep a sandbox running, then point 'tryvox calls list --base-url <url>' at it.");
    }

    private static TryVoxClient Client(TryVoxTestServer sandbox, string apiKey) =>
        new(new TryVoxClientOptions { ApiKey = apiKey, BaseUrl = sandbox.BaseUrl });

    private static string Count(CallList list) => list.Data?.Count == 1 ? "1 call" : $"{list.Data?.Count ?? 0} calls";

    private static void Step(TextWriter output, int number, string title)
    {
        output.WriteLine();
        output.WriteLine($"{number}. {title}");
    }

    /// <summary>The key's documented prefix only: the demo never prints a whole key.</summary>
    internal static string Redact(string apiKey) =>
        (TryVoxApiKey.Parse(apiKey).Environment == TryVoxEnvironment.Live ? TryVoxApiKey.LivePrefix : TryVoxApiKey.SandboxPrefix) + "…(redacted)";
}
