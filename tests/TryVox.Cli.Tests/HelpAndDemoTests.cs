namespace TryVox.Cli.Tests;

/// <summary>Help, version and the demo, in-process.</summary>
public sealed class HelpAndDemoTests
{
    [Theory]
    [InlineData("The TryVox voice API from the command line.")]
    [InlineData("Place and list calls.", "calls")]
    [InlineData("Place a call: POST /voice/accounts/{account}/calls.", "calls", "create")]
    [InlineData("List calls: GET /voice/accounts/{account}/calls.", "calls", "list")]
    [InlineData("List phone numbers.", "numbers")]
    [InlineData("List your phone numbers: GET /account/{account}/numbers.", "numbers", "list")]
    [InlineData("Check your API key against the API.", "auth")]
    [InlineData("Test your API key as the API reference does: list the account's numbers (GET /account/{account}/numbers).", "auth", "check")]
    [InlineData("Find TryVox keys in files.", "keys")]
    [InlineData("binary files (a NUL byte in the first 8,000 bytes) are skipped, and so are files over --max-size.", "keys", "scan")]
    [InlineData("Run a local TryVox-compatible API on 127.0.0.1 until Ctrl+C.", "sandbox")]
    [InlineData("Walk through the API on an in-process sandbox", "demo")]
    public async Task Every_command_has_help(string description, params string[] command)
    {
        var result = await Cli.RunAsync([.. command, "--help"]);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains(description, result.Out, StringComparison.Ordinal);
        Assert.Contains($"Usage:{Environment.NewLine}  {string.Join(' ', ["tryvox", .. command])} ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_documents_the_key_sources_and_exit_codes_but_not_the_refused_key_option()
    {
        var result = await Cli.RunAsync(["--help"]);

        Assert.Contains("--api-key-stdin", result.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 ok, 1 API error (keys scan: a key was found), 2 invalid usage or input, 3 missing/invalid key or settings (or 401/403), 4 network error",
            result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--api-key ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_tool_version()
    {
        var result = await Cli.RunAsync(["--version"]);

        Assert.Equal((0, TryVoxCli.Version + Environment.NewLine, ""), (result.ExitCode, result.Out, result.Error));
        Assert.Matches(@"^\d+\.\d+\.\d+", TryVoxCli.Version);
    }

    [Fact]
    public async Task Demo_walks_through_the_api_on_its_own_sandbox_without_printing_a_key()
    {
        var result = await Cli.RunAsync(["demo"]);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        DemoOutput.AssertWalkthrough(result.Out);
    }
}

/// <summary>What the demo must show, in-process and as a process alike.</summary>
public static class DemoOutput
{
    public static void AssertWalkthrough(string output)
    {
        string[] inOrder =
        [
            "1. Start the sandbox", "Listening on http://127.0.0.1:",
            "2. Authenticate with a sandbox key", "ApiKey = \"tvx_sk_test_…(redacted)\"", "Key environment: Sandbox",
            "3. Place the reference's example call: POST /voice/accounts/AC123456/calls", "queued  +919876543210  +14155551234",
            "4. List calls", "5. List numbers", "+919876543210  IN       active",
            "6. A bad key is refused", "TryVoxError: status 401, code UNAUTHORIZED, message \"Invalid or missing API key\"",
            "7. Tenant-scoped requests: client.WithTenant(\"tenant_xyz\") sends X-Tenant-ID: tenant_xyz", "Without X-Tenant-ID the account still lists 1 call: tenants are isolated.",
        ];
        var at = 0;
        foreach (var text in inOrder)
        {
            var found = output.IndexOf(text, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"The demo output lacks, at this point, \"{text}\":\n{output}");
            at = found + text.Length;
        }

        // A sandbox key is a key all the same: only its prefix is shown.
        Assert.DoesNotMatch(@"tvx_sk_(test|live)_[^…]", output);
    }
}
