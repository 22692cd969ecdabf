namespace TryVox.Client.Testing.Tests;

/// <summary>
/// The test kit's public surface is recorded in TryVox.Client.Testing.api.txt; the server it hosts
/// (the generated controllers and DTOs included) stays internal.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_recorded_one() =>
        PublicApi.AssertRecorded(typeof(TryVoxTestServer).Assembly, "tests/TryVox.Client.Testing.Tests/TryVox.Client.Testing.api.txt");
}
