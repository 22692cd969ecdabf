using Microsoft.Kiota.Abstractions;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>Resolving a create-call whose outcome is unknown, as the README and docs/errors-and-retries.md show it.</summary>
public sealed class CallOutcomeTests
{
    [Theory]
    [InlineData(true, 1, "call_1")]
    [InlineData(false, 2, "call_3")]
    public async Task A_create_answered_503_is_looked_up_and_placed_again_only_when_it_was_not_placed(bool placedBeforeTheError, int creates, string id)
    {
        // The server's first create fails with 503, having placed the call or not; its list shows what it placed.
        var placed = new List<string>();
        await using var server = await LoopbackServer.StartAsync((context, count) =>
        {
            if (context.Request.Method == "GET")
            {
                return LoopbackServer.Json(context, 200, $"{{\"data\":[{string.Join(',', placed)}]}}");
            }

            var call = $$"""{"id":"call_{{count}}","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued","created_at":"{{DateTimeOffset.UtcNow:O}}"}""";
            if (count > 1 || placedBeforeTheError)
            {
                placed.Add(call);
            }

            return count == 1 ? Fixtures.Error(context, 503, "UNAVAILABLE", "Try again") : LoopbackServer.Json(context, 201, call);
        });
        using var client = TestKeys.Client(server);
        var calls = client.Voice.Accounts["AC123456"].Calls;
        var request = Fixtures.NewCall();
        Call? call;

        // <snippet:outcome-unknown>
        var started = DateTimeOffset.UtcNow;
        try
        {
            call = await calls.PostAsync(request);
        }
        catch (ApiException e) when (e.IsOutcomeUnknown())
        {
            // The calls placed since, with the same from, to and answer_url: none means it was not placed.
            var found = await calls.FindAsync(request, started);
            call = found.Count > 0 ? found[0] : await calls.PostAsync(request);
        }
        // </snippet>

        Assert.Equal(id, call!.Id);
        Assert.Equal(creates, server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(placed);
    }

    [Fact]
    public async Task FindAsync_matches_from_to_and_answer_url_and_skips_calls_created_before_the_clock_allowance()
    {
        var now = DateTimeOffset.UtcNow;
        string Call(string id, DateTimeOffset? created, string from = "+919876543210", string to = "+14155551234", string answerUrl = "https://your-app.com/answer") =>
            $$"""{"id":"{{id}}","from":"{{from}}","to":"{{to}}","answer_url":"{{answerUrl}}"{{(created is { } at ? $",\"created_at\":\"{at:O}\"" : "")}}}""";
        string[] listed =
        [
            Call("same", now), Call("other_to", now, to: "+14155550000"), Call("other_from", now, from: "+919800000000"),
            Call("other_answer_url", now, answerUrl: "https://your-app.com/other"), Call("long_ago", now.AddHours(-1)),
            Call("skewed", now - CallOutcome.ClockAllowance + TimeSpan.FromSeconds(5)), Call("at_the_allowance", now - CallOutcome.ClockAllowance),
            Call("just_before_it", now - CallOutcome.ClockAllowance - TimeSpan.FromMilliseconds(1)), Call("undated", null),
        ];
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, $"{{\"data\":[{string.Join(',', listed)}]}}"));
        using var client = TestKeys.Client(server);

        var found = await client.Voice.Accounts["AC123456"].Calls.FindAsync(Fixtures.NewCall(), now);

        Assert.Equal(["same", "skewed", "at_the_allowance", "undated"], found.Select(c => c.Id));
    }

    [Fact]
    public async Task FindAsync_of_a_list_without_data_finds_nothing_and_refuses_nulls_before_sending()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, "{}"));
        using var client = TestKeys.Client(server);
        var calls = client.Voice.Accounts["AC123456"].Calls;

        Assert.Empty(await calls.FindAsync(Fixtures.NewCall(), DateTimeOffset.UtcNow));
        Assert.Equal("calls", (await Assert.ThrowsAsync<ArgumentNullException>(() => CallOutcome.FindAsync(null!, Fixtures.NewCall(), DateTimeOffset.UtcNow))).ParamName);
        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => calls.FindAsync(null!, DateTimeOffset.UtcNow))).ParamName);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task FindAsync_lists_with_the_request_options_given_such_as_the_creates_tenant()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, 200, "{\"data\":[]}"));
        using var client = TestKeys.Client(server, tenantId: "tenant_default");
        var calls = client.Voice.Accounts["AC123456"].Calls;

        await calls.FindAsync(Fixtures.NewCall(), DateTimeOffset.UtcNow, [new RequestOptions.TenantOption("tenant_a")]);
        await calls.FindAsync(Fixtures.NewCall(), DateTimeOffset.UtcNow);

        Assert.Equal(
            [("GET", "/v1/voice/accounts/AC123456/calls", "tenant_a"), ("GET", "/v1/voice/accounts/AC123456/calls", "tenant_default")],
            server.Requests.Select(r => (r.Method, r.PathAndQuery, r.Header("X-Tenant-ID"))));
    }
}
