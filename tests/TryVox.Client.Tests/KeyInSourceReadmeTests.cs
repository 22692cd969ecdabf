namespace TryVox.Client.Tests;

/// <summary>The README's TVX0001 fix, before and after (copied into README.md from the snippets here), compiled and run.</summary>
[Collection(nameof(SharesEnvironmentVariables))]
public sealed class KeyInSourceReadmeTests
{
    [Fact]
    public void The_documentation_form_of_a_key_is_not_a_key_and_the_fix_reads_TRYVOX_API_KEY()
    {
        using var _ = new EnvironmentVariable("TRYVOX_API_KEY", TestKeys.Sandbox);

        var before = Before();
        var after = After();

        Assert.Throws<ArgumentException>(() => new TryVoxClient(before));
        Assert.Equal(TestKeys.Sandbox, after.ApiKey);
    }

    private static TryVoxClientOptions Before()
    {
        // <snippet:tvx0001-fix>
        var options = new TryVoxClientOptions { ApiKey = "tvx_sk_live_…" };                                  // a whole key here: TVX0001
        // </snippet>
        return options;
    }

    private static TryVoxClientOptions After()
    {
        // <snippet:tvx0001-fix>
        var options = new TryVoxClientOptions { ApiKey = Environment.GetEnvironmentVariable("TRYVOX_API_KEY") }; // after the fix
        // </snippet>
        return options;
    }
}
