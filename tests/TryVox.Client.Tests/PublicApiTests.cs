namespace TryVox.Client.Tests;

/// <summary>
/// The package's public surface, generated and hand-written, is recorded in TryVox.Client.api.txt, so
/// that a regeneration or a change that alters it shows up in review instead of reaching users unnoticed.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_recorded_one() =>
        PublicApi.AssertRecorded(typeof(TryVoxClient).Assembly, "tests/TryVox.Client.Tests/TryVox.Client.api.txt");
}
