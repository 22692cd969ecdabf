using System.Text.Json;

namespace TryVox.Cli.Tests;

/// <summary>The built tool as users run it: <c>dotnet tryvox.dll …</c>, real stdin, stdout, stderr and exit code.</summary>
public sealed class ProcessTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Demo_succeeds_with_no_environment_and_no_network()
    {
        var result = await Cli.RunProcessAsync(["demo"]);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        DemoOutput.AssertWalkthrough(result.Out);
    }

    [Fact]
    public async Task Version_and_help_exit_0()
    {
        var version = await Cli.RunProcessAsync(["--version"]);
        var help = await Cli.RunProcessAsync(["--help"]);

        Assert.Equal((0, TryVoxCli.Version), (version.ExitCode, version.Out.Trim()));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "tryvox: --to must be an E.164 number", "calls", "create", "-a", "AC123456", "--from", "+919876543210", "--to", "4155551234", "--answer-url", "https://your-app.com/answer")]
    [InlineData(3, "tryvox: No API key: set TRYVOX_API_KEY", "numbers", "list", "-a", "AC123456")]
    [InlineData(2, "tryvox: Unrecognized command or argument 'bogus'.", "bogus")]
    public async Task Failures_exit_with_their_code_and_one_line(int exitCode, string message, params string[] args)
    {
        var result = await Cli.RunProcessAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_api_exits_4()
    {
        var result = await Cli.RunProcessAsync(["calls", "list", "-a", "AC123456", "--base-url", SandboxFixture.ClosedPortBaseUrl()], sandbox.Environment);

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("tryvox: network error: ", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_key_shows_the_401_and_exits_3()
    {
        var result = await Cli.RunProcessAsync(sandbox.Args("numbers", "list", "-a", "AC123456"),
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = "tvx_sk_test_wrong" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("tryvox: API error 401 UNAUTHORIZED: Invalid or missing API key", result.ErrorLine);
    }

    [Fact]
    public async Task The_key_is_read_from_real_stdin_and_json_goes_to_stdout()
    {
        var result = await Cli.RunProcessAsync(sandbox.Args("numbers", "list", "-a", "AC123456", "--api-key-stdin", "--output", "json"),
            stdin: sandbox.Server.ApiKey + Environment.NewLine);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal("+919876543210", JsonDocument.Parse(result.Out).RootElement.GetProperty("data")[0].GetProperty("e164").GetString());
    }

    [Fact]
    public async Task Sandbox_serves_the_api_in_the_foreground()
    {
        using var process = Cli.Start(["sandbox", "--port", "0"]);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var banner = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("TryVox sandbox listening on http://127.0.0.1:", banner, StringComparison.Ordinal);
            var baseUrl = banner!["TryVox sandbox listening on ".Length..].Trim();

            var result = await Cli.RunAsync(["numbers", "list", "-a", "AC123456", "--base-url", baseUrl],
                new Dictionary<string, string> { ["TRYVOX_API_KEY"] = TryVox.Client.Testing.TryVoxTestServerOptions.DefaultApiKey });

            Assert.Equal((0, ""), (result.ExitCode, result.Error));
            Assert.Contains("+919876543210  IN       active", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
