// <snippet:quick-start>
using TryVox.Client;
using TryVox.Client.Models;
// </snippet>

namespace TryVox.Client.Tests;

/// <summary>
/// The README quick start (the snippet is copied into README.md): it must keep compiling. Its calls go to production,
/// so here it runs only as far as the missing-key check; <see cref="WireFormatTests"/> sends the same calls to loopback.
/// </summary>
[Collection(nameof(SharesEnvironmentVariables))]
public sealed class QuickStartTests
{
    private static async Task QuickStart()
    {
        // <snippet:quick-start>
        using var client = new TryVoxClient(new TryVoxClientOptions   // TryVoxClientFactory.Create(...) builds the same
        {
            ApiKey = Environment.GetEnvironmentVariable("TRYVOX_API_KEY"), // also the default when null
            TenantId = "tenant_xyz",                                       // optional
        });
        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(new CreateCallRequest
        {
            From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
        });
        var numbers = await client.Account["AC123456"].Numbers.GetAsync();
        // </snippet>
        GC.KeepAlive((call, numbers));
    }

    [Fact]
    public async Task Without_TRYVOX_API_KEY_the_quick_start_stops_before_sending_and_says_what_to_set()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", null);

        var error = await Assert.ThrowsAsync<ArgumentException>(QuickStart);

        Assert.Contains("TRYVOX_API_KEY", error.Message, StringComparison.Ordinal);
    }
}
