using System.Text.Json;

namespace TryVox.Cli.Tests;

/// <summary>The API commands, run in-process against an in-process sandbox.</summary>
public sealed class CommandTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private string Account => sandbox.Server.AccountId;

    /// <summary>A tenant of the test's own, so tests sharing the sandbox never see each other's calls.</summary>
    private static string NewTenant() => "t_" + Guid.NewGuid().ToString("N");

    private string[] CreateCall(string tenant, string from = "+919876543210", string to = "+14155551234") => sandbox.Args(
        "calls", "create", "--account", Account, "--from", from, "--to", to, "--answer-url", "https://your-app.com/answer", "--tenant", tenant);

    [Fact]
    public async Task Calls_create_prints_the_call_as_json_in_the_api_shape()
    {
        var result = await Cli.RunAsync([.. CreateCall(NewTenant()), "--output", "json"], sandbox.Environment);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var call = JsonDocument.Parse(result.Out).RootElement;
        Assert.StartsWith("call_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("+919876543210", call.GetProperty("from").GetString());
        Assert.Equal("+14155551234", call.GetProperty("to").GetString());
        Assert.Equal("https://your-app.com/answer", call.GetProperty("answer_url").GetString());
        Assert.Equal("queued", call.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Calls_create_prints_a_table_by_default()
    {
        var result = await Cli.RunAsync(CreateCall(NewTenant()), sandbox.Environment);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^ID +STATUS +FROM +TO +CREATED +ANSWER URL$", lines[0]);
        Assert.Matches(@"^call_[0-9a-f]+ +queued +\+919876543210 +\+14155551234 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +https://your-app.com/answer$", lines[1]);
    }

    [Fact]
    public async Task Calls_list_shows_the_tenants_calls_only()
    {
        var tenant = NewTenant();
        var created = await Cli.RunAsync([.. CreateCall(tenant), "-o", "json"], sandbox.Environment);
        var id = JsonDocument.Parse(created.Out).RootElement.GetProperty("id").GetString();

        var mine = await Cli.RunAsync(sandbox.Args("calls", "list", "-a", Account, "--tenant", tenant, "-o", "json"), sandbox.Environment);
        var other = await Cli.RunAsync(sandbox.Args("calls", "list", "-a", Account, "--tenant", NewTenant()), sandbox.Environment);

        Assert.Equal(0, mine.ExitCode);
        var data = JsonDocument.Parse(mine.Out).RootElement.GetProperty("data");
        Assert.Equal(id, Assert.Single(data.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal((0, "No calls." + Environment.NewLine), (other.ExitCode, other.Out));
    }

    [Fact]
    public async Task Numbers_list_prints_json_and_a_table()
    {
        var json = await Cli.RunAsync(sandbox.Args("numbers", "list", "--account", Account, "--output", "json"), sandbox.Environment);
        var table = await Cli.RunAsync(sandbox.Args("numbers", "list", "--account", Account), sandbox.Environment);

        Assert.Equal(0, json.ExitCode);
        var first = JsonDocument.Parse(json.Out).RootElement.GetProperty("data")[0];
        Assert.Equal(("+919876543210", "IN", "active"),
            (first.GetProperty("e164").GetString(), first.GetProperty("country").GetString(), first.GetProperty("status").GetString()));
        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split(Environment.NewLine);
        Assert.Equal("E164           COUNTRY  STATUS", lines[0]);
        Assert.Equal("+919876543210  IN       active", lines[1]);
    }

    [Fact]
    public async Task Api_key_stdin_reads_the_first_line_and_needs_no_environment()
    {
        var result = await Cli.RunAsync(sandbox.Args("numbers", "list", "-a", Account, "--api-key-stdin", "-o", "json"),
            environment: null, stdin: sandbox.Server.ApiKey + "\nignored\n");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("\"+919876543210\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_key_stdin_with_empty_input_is_an_auth_error()
    {
        var result = await Cli.RunAsync(sandbox.Args("numbers", "list", "-a", Account, "--api-key-stdin"), sandbox.Environment, stdin: "");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("tryvox: --api-key-stdin: standard input held no API key; pipe the key as its first line.", result.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_key_shows_the_servers_401_and_exits_3()
    {
        var result = await Cli.RunAsync(sandbox.Args("numbers", "list", "-a", Account),
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = "tvx_sk_test_unknown" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("tryvox: API error 401 UNAUTHORIZED: Invalid or missing API key", result.ErrorLine);
    }

    [Fact]
    public async Task Another_accounts_resources_are_forbidden_and_exit_3()
    {
        var result = await Cli.RunAsync(sandbox.Args("calls", "list", "-a", "AC999999"), sandbox.Environment);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("tryvox: API error 403 FORBIDDEN: ", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_request_shows_status_code_and_message_and_exits_1()
    {
        var result = await Cli.RunAsync(CreateCall(NewTenant(), from: "+14155559999"), sandbox.Environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"tryvox: API error 400 VALIDATION_ERROR: from must be one of the account's numbers (GET /account/{Account}/numbers); +14155559999 is not",
            result.ErrorLine);
    }

    [Theory]
    [InlineData("--from", "9876543210")]
    [InlineData("--from", "+91 98765 43210")]
    [InlineData("--to", "+014155551234")]
    [InlineData("--to", "+1234567890123456")]
    public async Task A_number_that_is_not_E164_is_refused_before_anything_is_sent(string option, string value)
    {
        // Nothing listens on the base URL: had the tool sent a request, it would exit 4, not 2.
        var numbers = new Dictionary<string, string> { ["--from"] = "+919876543210", ["--to"] = "+14155551234", [option] = value };
        string[] args = ["calls", "create", "-a", "AC123456", "--from", numbers["--from"], "--to", numbers["--to"],
            "--answer-url", "https://your-app.com/answer", "--base-url", SandboxFixture.ClosedPortBaseUrl()];

        var result = await Cli.RunAsync(args, sandbox.Environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"tryvox: {option} must be an E.164 number: '+', country code and number, 2 to 15 digits, no spaces " +
            $"(such as +14155551234); got '{value}'. See 'tryvox calls create --help'.", result.ErrorLine);
    }

    [Fact]
    public async Task An_answer_url_that_is_not_absolute_http_is_a_usage_error()
    {
        var result = await Cli.RunAsync(["calls", "create", "-a", "AC1", "--from", "+919876543210", "--to", "+14155551234", "--answer-url", "/answer"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("tryvox: --answer-url must be an absolute http(s) URL", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_key_anywhere_exits_3_and_says_where_a_key_comes_from()
    {
        var result = await Cli.RunAsync(["numbers", "list", "-a", "AC123456"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("tryvox: No API key: set TRYVOX_API_KEY or pipe the key to --api-key-stdin (tvx_sk_live_… or tvx_sk_test_…). " +
            "To try the tool without a key, run 'tryvox demo'.", result.ErrorLine);
    }

    [Fact]
    public async Task A_malformed_key_exits_3_without_echoing_it()
    {
        var result = await Cli.RunAsync(["numbers", "list", "-a", "AC123456"],
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = "sk_secret_value" });

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("tryvox: The TryVox API key in the TRYVOX_API_KEY environment variable is malformed: it must start with tvx_sk_live_",
            result.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_given_as_an_argument_is_refused_without_echoing_it()
    {
        var result = await Cli.RunAsync(["numbers", "list", "-a", "AC123456", "--api-key", "tvx_sk_live_secret"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("tryvox: --api-key is not accepted: a key given as an argument is kept in shell history. " +
            "Set TRYVOX_API_KEY or pipe the key to --api-key-stdin. See 'tryvox numbers list --help'.", result.ErrorLine);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_is_a_settings_error()
    {
        var result = await Cli.RunAsync(["numbers", "list", "-a", "AC123456", "--base-url", "http://api.example.com/v1"], sandbox.Environment);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("tryvox: The TryVox base URL http://api.example.com uses plain http: https is required", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_port_in_use_exits_4_with_one_line()
    {
        var busy = sandbox.Server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await Cli.RunAsync(["sandbox", "--port", busy]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Choose another --port, or 0 for a free one.", result.ErrorLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tryvox: Required command was not provided. See 'tryvox --help'.")]
    [InlineData("tryvox: Unrecognized command or argument 'call'. Required command was not provided. See 'tryvox --help'.", "call")]
    [InlineData("tryvox: Option '--account' is required. See 'tryvox calls list --help'.", "calls", "list")]
    [InlineData("tryvox: Argument 'xml' not recognized. Must be one of: 'table' 'json' See 'tryvox numbers list --help'.", "numbers", "list", "-a", "AC1", "-o", "xml")]
    [InlineData("tryvox: --tenant: The tenant id contains a space, CR, LF, control or non-ASCII character (U+0020 at position 2); " +
        "X-Tenant-ID allows printable ASCII only, such as tenant_xyz. See 'tryvox calls list --help'.", "calls", "list", "-a", "AC1", "--tenant", "a b")]
    public async Task Usage_errors_exit_2_with_one_line(string expected, params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.ErrorLine);
    }
}
