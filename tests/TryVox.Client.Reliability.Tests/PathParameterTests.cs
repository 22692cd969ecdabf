using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// A path parameter fills exactly one path segment, whatever it holds: ids that <see cref="Uri"/> would collapse
/// into another path are refused before anything is sent; every other id is percent-encoded. Over real sockets,
/// asserting the request line the server read.
/// </summary>
public sealed class PathParameterTests
{
    public static TheoryData<string> Collapsing => ["..", ".", "", "%2e%2E", "%2E", "%2e", ".%2E", "%2E."];

    /// <summary>Answers every operation with the reference's example body.</summary>
    private static RawHttpServer Server() => new(exchange => exchange.WriteAsync(exchange.Request switch
    {
        { Method: "POST" } => RawHttpServer.Answer(201, Wire.CallJson),
        { Target: var target } when target.EndsWith("/numbers", StringComparison.Ordinal) => RawHttpServer.Answer(200, Wire.NumbersJson),
        _ => RawHttpServer.Answer(200, Wire.CallsJson),
    }));

    [Theory]
    [MemberData(nameof(Collapsing))]
    public async Task An_auth_id_that_would_leave_its_segment_is_refused_for_both_methods_and_nothing_is_sent(string id)
    {
        await using var server = Server();
        var calls = Wire.Client(server.BaseUrl).Voice.Accounts[id].Calls;

        var list = await Assert.ThrowsAsync<ArgumentException>(() => calls.GetAsync());
        var create = await Assert.ThrowsAsync<ArgumentException>(() => calls.PostAsync(Wire.NewCall()));

        Assert.All(new[] { list, create }, e =>
        {
            Assert.Equal("auth_id", e.ParamName);
            Assert.Contains("The path parameter auth_id is", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal((0, 0), (server.Accepted, server.Received));
    }

    [Theory]
    [MemberData(nameof(Collapsing))]
    public async Task An_account_id_that_would_leave_its_segment_is_refused_and_nothing_is_sent(string id)
    {
        await using var server = Server();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Wire.Client(server.BaseUrl).Account[id].Numbers.GetAsync());

        Assert.Equal("account_id", error.ParamName);
        Assert.Contains(id.Length == 0 ? "is empty" : $"\"{id}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), (server.Accepted, server.Received));
    }

    [Fact]
    public async Task The_refusal_says_what_an_encoded_dot_segment_decodes_to_and_what_to_pass_instead()
    {
        await using var server = Server();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Wire.Client(server.BaseUrl).Voice.Accounts["%2e%2E"].Calls.GetAsync());

        Assert.StartsWith("The path parameter auth_id is \"%2e%2E\", which is \"..\" once decoded.", error.Message, StringComparison.Ordinal);
        Assert.Contains("such as AC123456", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AC", 0xD800, "", 3)]
    [InlineData("", 0xDC00, "AC", 1)]
    [InlineData("AC", 0xD83D, "x", 3)]
    public async Task An_id_with_an_unpaired_surrogate_is_refused_because_it_would_arrive_as_another_id(string before, int surrogate, string after, int position)
    {
        // Built here: theory data is serialized as UTF-8, which would turn the surrogate into U+FFFD on the way.
        var id = before + (char)surrogate + after;
        await using var server = Server();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Wire.Client(server.BaseUrl).Voice.Accounts[id].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal("auth_id", error.ParamName);
        Assert.StartsWith($"The path parameter auth_id holds an unpaired UTF-16 surrogate at position {position}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Accepted);
    }

    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("?", "%3F")]
    [InlineData("#", "%23")]
    [InlineData("a b", "a%20b")]
    [InlineData("é✓😀", "%C3%A9%E2%9C%93%F0%9F%98%80")]
    [InlineData("..%2F", "..%252F")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("../AC123456", "..%2FAC123456")]
    [InlineData("...", "...")]
    [InlineData("%2e%2e%2f", "%252e%252e%252f")]
    [InlineData("AC123456?x=1#y", "AC123456%3Fx%3D1%23y")]
    public async Task Any_other_id_arrives_as_exactly_one_percent_encoded_segment_on_both_shapes_and_methods(string id, string segment)
    {
        await using var server = Server();
        var client = Wire.Client(server.BaseUrl);

        await client.Voice.Accounts[id].Calls.GetAsync();
        await client.Voice.Accounts[id].Calls.PostAsync(Wire.NewCall());
        await client.Account[id].Numbers.GetAsync();

        Assert.Equal(
            [$"GET /v1/voice/accounts/{segment}/calls", $"POST /v1/voice/accounts/{segment}/calls", $"GET /v1/account/{segment}/numbers"],
            server.Requests.Select(r => $"{r.Method} {r.Target}"));
        Assert.All(server.Requests, r => Assert.Equal(id, Uri.UnescapeDataString(r.Target.Split('/')[^2])));
    }
}
