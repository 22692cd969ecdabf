using TryVox.Client.Authentication;

namespace TryVox.Client.Tests;

/// <summary>The reference's first rule: a secret key never goes into client-side code (a browser, a phone).</summary>
public sealed class EnvironmentGuardTests
{
    [Theory]
    [InlineData(TestKeys.Live)]
    [InlineData(TestKeys.Sandbox)]
    public void Building_a_client_in_client_side_code_fails_quoting_the_reference(string key)
    {
        var options = new TryVoxClientOptions { ApiKey = key, IsClientSidePlatform = () => true };

        var error = Assert.Throws<PlatformNotSupportedException>(() => new TryVoxClient(options));

        Assert.Equal(
            "A TryVox secret key cannot be used here: this code runs in a browser or on a phone, where anyone can read the key out of the app. " +
            "The TryVox reference says: \"Never expose keys in client-side code (JavaScript, mobile apps)\". Call TryVox from your server and let the app call your server.",
            error.Message);
        Assert.DoesNotContain(key[12..], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_options_build_a_client_on_a_server()
    {
        using var client = new TryVoxClient(new TryVoxClientOptions { ApiKey = TestKeys.Live, IsClientSidePlatform = () => false });

        // And this test host, like any server, is not client-side.
        Assert.False(ClientPlatform.IsClientSide());
        Assert.False(new TryVoxClientOptions().IsClientSidePlatform());
    }
}
