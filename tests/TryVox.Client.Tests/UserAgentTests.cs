using System.Reflection;
using System.Runtime.InteropServices;

namespace TryVox.Client.Tests;

/// <summary>The <c>User-Agent</c> on the wire.</summary>
public sealed class UserAgentTests
{
    private static readonly string Version = typeof(TryVoxClient).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    [Fact]
    public async Task Requests_announce_the_SDK_version_and_runtime_and_never_kiota()
    {
        await using var server = await LoopbackServer.StartAsync();

        await TestKeys.Client(server).Account["AC123456"].Numbers.GetAsync();

        var userAgent = Assert.Single(server.Requests).Header("User-Agent");
        Assert.Equal($"tryvox-dotnet/{Version} ({RuntimeInformation.FrameworkDescription})", userAgent);
        Assert.Equal("0.1.0", Version);
        Assert.DoesNotContain("kiota", userAgent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_application_id_is_appended()
    {
        await using var server = await LoopbackServer.StartAsync();
        var options = Fixtures.Fast(server);
        options.ApplicationId = "my-app/1.2";

        await TryVoxClientFactory.Create(options).Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall());

        Assert.Matches(@"^tryvox-dotnet/\d+\.\d+\.\d+\S* \(\.NET \d+\.[^)]*\) my-app/1\.2$", Assert.Single(server.Requests).Header("User-Agent"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("my app")]
    [InlineData("app\r\nX-Evil: 1")]
    [InlineData("ünïcode")]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789a1234")]
    public void A_malformed_application_id_is_refused_when_the_client_is_built(string applicationId) =>
        Assert.Equal(
            "TryVoxClientOptions.ApplicationId must be 1 to 64 ASCII letters, digits or !#$%&'*+-.^_`|~/ without spaces, such as my-app/1.2. (Parameter 'applicationId')",
            Assert.Throws<ArgumentException>(() => TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, ApplicationId = applicationId })).Message);

    [Fact]
    public void An_application_id_of_64_characters_and_every_allowed_sign_is_taken()
    {
        var longest = new string('a', 64);

        Assert.EndsWith(" " + longest, Http.UserAgent.For(longest), StringComparison.Ordinal);
        Assert.EndsWith(" Az09!#$%&'*+-.^_`|~/", Http.UserAgent.For("Az09!#$%&'*+-.^_`|~/"), StringComparison.Ordinal);
    }
}
