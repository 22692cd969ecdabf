using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;

namespace TryVox.Client.Tests;

/// <summary>Key validation, the TRYVOX_API_KEY fallback, and where the key may travel.</summary>
[Collection(nameof(SharesEnvironmentVariables))]
public sealed class AuthenticationTests
{
    private const string Secret = "s3cr3tPart9";

    [Theory]
    [InlineData("tvx_sk_live_" + Secret, TryVoxEnvironment.Live)]
    [InlineData("tvx_sk_test_" + Secret, TryVoxEnvironment.Sandbox)]
    public void A_key_tells_its_environment_and_never_shows_itself(string key, TryVoxEnvironment environment)
    {
        var apiKey = TryVoxApiKey.Parse(key);
        var provider = new TryVoxAuthenticationProvider(apiKey, TryVoxClientOptions.DefaultBaseUrl);

        Assert.Equal(environment, apiKey.Environment);
        Assert.Equal(environment, provider.Environment);
        Assert.DoesNotContain(Secret, apiKey.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new TryVoxClientOptions { ApiKey = key }.ToString(), StringComparison.Ordinal);
        Assert.Equal("TryVoxClientOptions { BaseUrl = https://api.tryvox.io/v1, TenantId = tenant_xyz }", new TryVoxClientOptions { ApiKey = key, TenantId = "tenant_xyz" }.ToString());
        Assert.Contains(environment == TryVoxEnvironment.Live ? "live" : "sandbox", apiKey.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tvx_sk_live_abcdefgh1234", "tvx_sk_live_…1234")]
    [InlineData("tvx_sk_test_abcdefgh1234", "tvx_sk_test_…1234")]
    [InlineData("tvx_sk_test_abcdefgh1234567", "tvx_sk_test_…4567")]
    [InlineData("tvx_sk_live_abcdefg1234", "tvx_sk_live_…")]
    [InlineData("tvx_sk_test_x", "tvx_sk_test_…")]
    public void A_hint_shows_the_prefix_and_the_last_four_only_when_twelve_or_more_characters_follow_it(string key, string hint)
    {
        Assert.Equal(hint, TryVoxApiKey.Parse(key).Hint);
    }

    [Theory]
    [InlineData("sk_live_" + Secret, "must start with tvx_sk_live_ (production) or tvx_sk_test_ (sandbox)")]
    [InlineData("TVX_SK_LIVE_" + Secret, "must start with tvx_sk_live_ (production) or tvx_sk_test_ (sandbox)")]
    [InlineData("tvx_pk_live_" + Secret, "must start with tvx_sk_live_ (production) or tvx_sk_test_ (sandbox)")]
    [InlineData("tvx_sk_test_", "incomplete: nothing follows its prefix")]
    [InlineData("tvx_sk_live_" + Secret + "\n", "contains a space, line break, control or non-ASCII character (at position 24 of 24)")]
    [InlineData("tvx_sk_live_" + Secret + " ", "contains a space")]
    [InlineData("tvx_sk_live_" + Secret + "\u0000x", "control")]
    [InlineData("tvx_sk_live_" + Secret + "é", "non-ASCII")]
    [InlineData("", "No TryVox API key: TryVoxClientOptions.ApiKey is empty")]
    public void A_malformed_key_is_refused_when_the_client_is_built_without_echoing_it(string key, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(key));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("TryVoxClientOptions.ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_key_falls_back_to_TRYVOX_API_KEY()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", TestKeys.Live);

        var client = TryVoxClientFactory.Create(new TryVoxClientOptions { BaseUrl = server.BaseUrl });
        await client.Account["AC1"].Numbers.GetAsync();

        Assert.Equal("Bearer " + TestKeys.Live, Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public void An_explicit_key_wins_over_TRYVOX_API_KEY()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", "not-a-key");

        TryVoxClientFactory.Create(TestKeys.Sandbox);
    }

    [Fact]
    public void Without_a_key_or_TRYVOX_API_KEY_the_error_names_both()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", null);

        var error = Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(new TryVoxClientOptions()));

        Assert.Equal(
            "No TryVox API key: set TryVoxClientOptions.ApiKey or the TRYVOX_API_KEY environment variable to a key from the TryVox Dashboard " +
            "(tvx_sk_live_… for production, tvx_sk_test_… for the sandbox). (Parameter 'apiKey')", error.Message);
    }

    public static TheoryData<string, string> WholeRefusals => new()
    {
        { "", "No TryVox API key: the API key is empty. Copy a key from the TryVox Dashboard (tvx_sk_live_… for production, tvx_sk_test_… for the sandbox)." },
        { "sk_live_x", "The TryVox API key in the API key is malformed: it must start with tvx_sk_live_ (production) or tvx_sk_test_ (sandbox). Copy the whole key from the TryVox Dashboard." },
        { "tvx_sk_live_", "The TryVox API key in the API key is incomplete: nothing follows its prefix. Copy the whole key from the TryVox Dashboard." },
        { "tvx_sk_live_a\u007F", "The TryVox API key in the API key contains a space, line break, control or non-ASCII character (at position 14 of 14). Remove what was copied along with the key." },
    };

    [Theory]
    [MemberData(nameof(WholeRefusals))]
    public void Each_refusal_of_a_key_says_what_is_wrong_and_what_to_do(string key, string message)
    {
        Assert.Equal(message + " (Parameter 'apiKey')", Assert.Throws<ArgumentException>(() => TryVoxApiKey.Parse(key)).Message);
    }

    [Fact]
    public void Every_printable_ASCII_character_may_be_part_of_a_key()
    {
        var key = TryVoxApiKey.Parse("tvx_sk_test_!~" + new string(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).ToArray()));

        Assert.Equal("tvx_sk_test_…{|}~", key.Hint);
    }

    [Fact]
    public void The_provider_needs_a_credential_and_a_base_url_and_names_the_origin_it_sends_to()
    {
        Assert.Throws<ArgumentNullException>(() => new TryVoxAuthenticationProvider((TryVoxCredential)null!, TryVoxClientOptions.DefaultBaseUrl));
        Assert.Throws<ArgumentNullException>(() => new TryVoxAuthenticationProvider(new TryVoxCredential(TestKeys.Live), null!));
        var provider = new TryVoxAuthenticationProvider(new TryVoxCredential(TestKeys.Live), new Uri("https://api.tryvox.io:8443/v1"));

        Assert.Equal("TryVox live API key (redacted) for https://api.tryvox.io:8443", provider.ToString());
        Assert.Equal(
            "Refusing to send the TryVox API key to https://api.tryvox.io: it is only sent to https://api.tryvox.io:8443. Set TryVoxClientOptions.BaseUrl to address another server.",
            Assert.Throws<InvalidOperationException>(() => provider.KeyFor(new Uri("https://api.tryvox.io/v1/x"))).Message);
    }

    [Fact]
    public void A_malformed_TRYVOX_API_KEY_is_named_as_the_source()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", "tvx_sk_live_" + Secret + "\r\n");

        var error = Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create((string?)null));

        Assert.Contains("The TryVox API key in the TRYVOX_API_KEY environment variable contains", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.tryvox.io/v1")]
    [InlineData("http://10.0.0.5:8080/v1")]
    [InlineData("http://api.tryvox.io.127.0.0.1.example/v1")]
    public void Plain_http_is_refused_except_to_loopback(string baseUrl)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Live, BaseUrl = new Uri(baseUrl) }));

        Assert.Equal(
            $"The TryVox base URL {new Uri(baseUrl).GetLeftPart(UriPartial.Authority)} uses plain http: https is required, so the API key is never sent in clear text. " +
            "Plain http is allowed only to loopback addresses (localhost, 127.0.0.1, [::1]) for local sandboxes. (Parameter 'baseUrl')", error.Message);
    }

    [Theory]
    [InlineData("https://api.tryvox.io/v1/calls", true)]
    [InlineData("HTTPS://API.TRYVOX.IO:443/other", true)]
    [InlineData("http://api.tryvox.io:443/v1", false)]
    [InlineData("https://api.tryvox.io:8443/v1", false)]
    [InlineData("https://api.tryvox.io.evil.example/v1", false)]
    [InlineData("/v1/calls", false)]
    public void The_origin_is_the_scheme_host_and_port_together(string url, bool same) =>
        Assert.Equal(same, ApiOrigin.IsSameOrigin(new Uri(url, UriKind.RelativeOrAbsolute), TryVoxClientOptions.DefaultBaseUrl));

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1")]
    [InlineData("http://localhost:5000/v1")]
    [InlineData("http://[::1]:5000/v1")]
    [InlineData("https://api.tryvox.io/v1")]
    [InlineData("https://eu.api.tryvox.io/v1")]
    public void Https_anywhere_and_http_to_loopback_are_accepted(string baseUrl) =>
        TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Live, BaseUrl = new Uri(baseUrl) });

    [Theory]
    [InlineData("ftp://api.tryvox.io/v1")]
    [InlineData("/v1")]
    public void A_base_url_that_is_not_absolute_http_is_refused(string baseUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(
            new TryVoxClientOptions { ApiKey = TestKeys.Live, BaseUrl = new Uri(baseUrl, UriKind.RelativeOrAbsolute) }));

        Assert.Contains("must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_adds_exactly_one_bearer_header_for_the_api_origin()
    {
        var provider = new TryVoxAuthenticationProvider(TryVoxApiKey.Parse(TestKeys.Live), TryVoxClientOptions.DefaultBaseUrl);
        var request = new RequestInformation { HttpMethod = Method.GET, URI = new Uri("https://api.tryvox.io/v1/account/AC1/numbers") };

        await provider.AuthenticateRequestAsync(request);

        Assert.Equal(["Bearer " + TestKeys.Live], request.Headers["Authorization"]);
        await Assert.ThrowsAsync<ArgumentNullException>(() => provider.AuthenticateRequestAsync(null!));
    }
}
