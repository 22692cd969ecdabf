using System.CommandLine;
using TryVox.Client;
using TryVox.Client.Authentication;
using TryVox.Client.RequestOptions;

namespace TryVox.Cli;

/// <summary>
/// Options every API command accepts (recursive, so they may follow the command), and the one place
/// that turns them into a client: the key is read from <c>TRYVOX_API_KEY</c> or standard input only,
/// so it never lands in shell history or a process listing.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "Scope requests to this tenant (sent as X-Tenant-ID), such as tenant_xyz.",
        HelpName = "id",
        Recursive = true,
        Validators =
        {
            result =>
            {
                try
                {
                    TenantHeader.Validate(result.GetValueOrDefault<string?>());
                }
                catch (ArgumentException e)
                {
                    result.AddError("--tenant: " + CliException.MessageOf(e));
                }
            },
        },
    };

    public Option<Uri?> BaseUrl { get; } = new("--base-url")
    {
        Description = $"The API's base URL [default: {TryVoxClientOptions.DefaultBaseUrl}]. Plain http is allowed to loopback only.",
        HelpName = "url",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            result.AddError($"--base-url must be an absolute URL such as {TryVoxClientOptions.DefaultBaseUrl}; got '{text}'.");
            return null;
        },
    };

    public Option<string> Output { get; } = new Option<string>("--output", "-o")
    {
        Description = "table for people, json (the API's own JSON, on stdout) for scripts.",
        Recursive = true,
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public Option<bool> ApiKeyStdin { get; } = new("--api-key-stdin")
    {
        Description = $"Read the API key from the first line of standard input instead of {TryVoxClientFactory.ApiKeyEnvironmentVariable}.",
        Recursive = true,
    };

    /// <summary>Not offered: present only to refuse a key typed as an argument without echoing it.</summary>
    private readonly Option<string?> _apiKeyArgument = new("--api-key")
    {
        Hidden = true,
        Recursive = true,
        Arity = ArgumentArity.ZeroOrOne,
        Validators =
        {
            result => result.AddError(
                $"--api-key is not accepted: a key given as an argument is kept in shell history. " +
                $"Set {TryVoxClientFactory.ApiKeyEnvironmentVariable} or pipe the key to --api-key-stdin."),
        },
    };

    public void AddTo(Command root)
    {
        root.Add(Tenant);
        root.Add(BaseUrl);
        root.Add(Output);
        root.Add(ApiKeyStdin);
        root.Add(_apiKeyArgument);
    }

    /// <summary>A required <c>--account</c> option; one instance per command keeps each command's help self-contained.</summary>
    public static Option<string> Account() => new("--account", "-a")
    {
        Description = "Your account id (auth_id), such as AC123456, from the TryVox Dashboard.",
        HelpName = "id",
        Required = true,
    };

    public OutputWriter Writer(ParseResult result, CliConsole console) =>
        new(console.Out, result.GetValue(Output) == "json");

    /// <summary>Builds the client from the command line and environment; settings the client rejects exit with <see cref="ExitCodes.Auth"/>.</summary>
    public TryVoxClient CreateClient(ParseResult result, CliConsole console) => CreateClientWithKey(result, console).Client;

    /// <summary><see cref="CreateClient"/>, and the key it sends, for commands that show the key's environment and hint.</summary>
    public (TryVoxClient Client, TryVoxApiKey Key) CreateClientWithKey(ParseResult result, CliConsole console)
    {
        var (key, source) = ReadApiKey(result, console);
        try
        {
            var apiKey = TryVoxApiKey.Parse(key, source);
            return (new TryVoxClient(new TryVoxClientOptions
            {
                Credential = new TryVoxCredential(apiKey), // parsed once, above, where its source can be named
                BaseUrl = result.GetValue(BaseUrl) ?? TryVoxClientOptions.DefaultBaseUrl,
                TenantId = result.GetValue(Tenant),
                ApplicationId = "tryvox-cli/" + TryVoxCli.Version,
            }), apiKey);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Auth, CliException.MessageOf(e));
        }
    }

    private (string Key, string Source) ReadApiKey(ParseResult result, CliConsole console)
    {
        if (result.GetValue(ApiKeyStdin))
        {
            var line = console.In.ReadLine()?.Trim();
            return string.IsNullOrEmpty(line)
                ? throw new CliException(ExitCodes.Auth, "--api-key-stdin: standard input held no API key; pipe the key as its first line.")
                : (line, "standard input");
        }

        var name = TryVoxClientFactory.ApiKeyEnvironmentVariable;
        var fromEnvironment = console.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(fromEnvironment)
            ? throw new CliException(ExitCodes.Auth,
                $"No API key: set {name} or pipe the key to --api-key-stdin ({TryVoxApiKey.LivePrefix}… or {TryVoxApiKey.SandboxPrefix}…). " +
                "To try the tool without a key, run 'tryvox demo'.")
            : (fromEnvironment, $"the {name} environment variable");
    }
}
