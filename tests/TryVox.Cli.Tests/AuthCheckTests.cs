namespace TryVox.Cli.Tests;

/// <summary><c>tryvox auth check</c>, in-process, against an in-process sandbox that checks the key and the account.</summary>
public sealed class AuthCheckTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private string Account => sandbox.Server.AccountId;

    [Fact]
    public async Task An_accepted_key_shows_its_environment_and_hint_and_the_number_count()
    {
        var result = await Cli.RunAsync(sandbox.Args("auth", "check", "--account", Account), sandbox.Environment);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal(Cli.Lines(
            "Key:     tvx_sk_test_…0001 (sandbox)",
            $"Account: {Account}",
            $"Authenticated: GET /account/{Account}/numbers listed 2 numbers."), result.Out);
    }

    [Fact]
    public async Task The_account_comes_from_TRYVOX_ACCOUNT_ID_and_a_long_key_shows_its_last_four()
    {
        var key = sandbox.Server.AddAccount("AC700001");

        var result = await Cli.RunAsync(sandbox.Args("auth", "check"),
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = key, ["TRYVOX_ACCOUNT_ID"] = "AC700001" });

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal(Cli.Lines(
            $"Key:     tvx_sk_test_…{key[^4..]} (sandbox)",
            "Account: AC700001",
            "Authenticated: GET /account/AC700001/numbers listed 0 numbers."), result.Out);
        Assert.DoesNotContain(key, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_option_wins_over_TRYVOX_ACCOUNT_ID()
    {
        var result = await Cli.RunAsync(sandbox.Args("auth", "check", "-a", Account),
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = sandbox.Server.ApiKey, ["TRYVOX_ACCOUNT_ID"] = "AC000000" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Account: {Account}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_shows_the_servers_401_message_and_exits_3()
    {
        const string key = "tvx_sk_test_unknownkey0000abcd";

        var result = await Cli.RunAsync(sandbox.Args("auth", "check", "-a", Account), new Dictionary<string, string> { ["TRYVOX_API_KEY"] = key });

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("Key:     tvx_sk_test_…abcd (sandbox)", result.Out, StringComparison.Ordinal);
        Assert.Equal(Cli.Lines("tryvox: API error 401 UNAUTHORIZED: Invalid or missing API key. " +
            "The key tvx_sk_test_…abcd was refused: copy a current key from the TryVox Dashboard."), result.Error);
        Assert.DoesNotContain(key, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_another_account_is_valid_but_forbidden_and_exits_3()
    {
        var otherKey = sandbox.Server.AddAccount("AC700002");

        var result = await Cli.RunAsync(sandbox.Args("auth", "check", "-a", Account), new Dictionary<string, string> { ["TRYVOX_API_KEY"] = otherKey });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(Cli.Lines($"tryvox: API error 403 FORBIDDEN: The API key does not grant access to account {Account}. " +
            $"The key is valid but not for account {Account}: check --account, or use a key of that account."), result.Error);
        Assert.DoesNotContain(otherKey, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_api_exits_4_after_showing_a_live_keys_hint()
    {
        const string key = "tvx_sk_live_4f9a8b7c6d5e1234";

        var result = await Cli.RunAsync(["auth", "check", "-a", Account, "--base-url", SandboxFixture.ClosedPortBaseUrl()],
            new Dictionary<string, string> { ["TRYVOX_API_KEY"] = key });

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("Key:     tvx_sk_live_…1234 (live)", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("tryvox: network error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_account_it_is_a_usage_error_that_says_how_to_give_one()
    {
        var result = await Cli.RunAsync(sandbox.Args("auth", "check"), sandbox.Environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("tryvox: No account: pass --account with your account id (such as AC123456) or set TRYVOX_ACCOUNT_ID. " +
            "Your account id is in the TryVox Dashboard.", result.ErrorLine);
    }
}
