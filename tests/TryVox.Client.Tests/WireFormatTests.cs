using System.Text.Json;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>The exact requests the three documented operations put on the wire, and how responses are read.</summary>
public sealed class WireFormatTests
{
    private const string CallJson = """
        {"id":"call_1","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer",
         "status":"ringing-somewhere-new","created_at":"2026-01-01T12:00:00Z","region":"ap-south-1"}
        """;

    [Fact]
    public async Task Create_call_posts_the_reference_body_to_the_account_scoped_path()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, 201, CallJson));
        var client = TestKeys.Client(server, tenantId: "tenant_xyz");

        var call = await client.Voice.Accounts["AC123456"].Calls.PostAsync(new CreateCallRequest
        {
            From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/voice/accounts/AC123456/calls", request.PathAndQuery);
        Assert.Equal("Bearer " + TestKeys.Sandbox, request.Header("Authorization"));
        Assert.Equal("tenant_xyz", request.Header("X-Tenant-ID"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("application/json", request.Header("Accept"));
        // Exactly the reference's three fields and values, '+' as the reference writes it (not Kiota's \u002B).
        Assert.Equal("""{"answer_url":"https://your-app.com/answer","from":"+919876543210","to":"+14155551234"}""", request.Body);

        Assert.NotNull(call);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("+14155551234", call.To);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), call.CreatedAt);
        // Values and fields the spec does not know yet are kept, not lost.
        Assert.Equal("ringing-somewhere-new", call.Status);
        Assert.Equal("ap-south-1", call.AdditionalData["region"]);
    }

    [Fact]
    public async Task Headers_the_caller_adds_are_sent_but_never_in_place_of_the_key_or_the_user_agent()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, 201, CallJson));
        var client = TestKeys.Client(server);

        await client.Voice.Accounts["AC123456"].Calls.PostAsync(Fixtures.NewCall(), r =>
        {
            r.Headers.Add("X-Trace", "trace_1");
            r.Headers.Add("Authorization", "Bearer tvx_sk_live_someoneElsesKey1234");
            r.Headers.Add("User-Agent", "not-this");
            r.Headers.Add("X-Tenant-ID", "tenant_other"); // a per-request tenant, as TenantOption sets it
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal(
            ("trace_1", "Bearer " + TestKeys.Sandbox, "tenant_other", "application/json", "application/json"),
            (request.Header("X-Trace"), request.Header("Authorization"), request.Header("X-Tenant-ID"), request.Header("Content-Type"), request.Header("Accept")));
        Assert.StartsWith("tryvox-dotnet/", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_of_the_applications_reads_each_attempts_number()
    {
        var attempts = new List<int>();
        var answers = new Queue<System.Net.HttpStatusCode>([System.Net.HttpStatusCode.ServiceUnavailable, System.Net.HttpStatusCode.OK]);
        using var client = new TryVoxClient(new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
            PrimaryHandler = new Answering(request =>
            {
                attempts.Add(Diagnostics.TryVoxHttpRequestOptions.AttemptOf(request));
                return new System.Net.Http.HttpResponseMessage(answers.Dequeue()) { Content = new System.Net.Http.StringContent(Fixtures.NumbersJson, System.Text.Encoding.UTF8, "application/json") };
            }),
        });

        await client.Account["AC123456"].Numbers.GetAsync();

        Assert.Equal([1, 2], attempts);
        Assert.Equal("TryVox.Attempt", Diagnostics.TryVoxHttpRequestOptions.Attempt.Key);
        Assert.Throws<ArgumentNullException>(() => Diagnostics.TryVoxHttpRequestOptions.AttemptOf(null!));
    }

    [Fact]
    public async Task List_calls_gets_the_account_scoped_path_without_a_body()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, 200, $$"""{"data":[{{CallJson}}],"next":"x"}"""));
        var client = TestKeys.Client(server);

        var calls = await client.Voice.Accounts["AC123456"].Calls.GetAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/voice/accounts/AC123456/calls", request.PathAndQuery);
        Assert.Equal("Bearer " + TestKeys.Sandbox, request.Header("Authorization"));
        Assert.Null(request.Header("X-Tenant-ID"));
        Assert.Null(request.Header("Content-Type"));
        Assert.Equal("", request.Body);
        var call = Assert.Single(calls!.Data!);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("x", calls.AdditionalData["next"]);
    }

    [Fact]
    public async Task List_numbers_gets_the_other_account_path_and_reads_the_reference_response()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, 200,
            """{"data":[{"e164":"+919876543210","country":"IN","status":"active"}]}"""));
        var client = TestKeys.Client(server, apiKey: TestKeys.Live);

        var numbers = await client.Account["AC123456"].Numbers.GetAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/account/AC123456/numbers", request.PathAndQuery);
        Assert.Equal("Bearer " + TestKeys.Live, request.Header("Authorization"));
        var number = Assert.Single(numbers!.Data!);
        Assert.Equal(("+919876543210", "IN", "active"), (number.E164, number.Country, number.Status));
    }

    [Fact]
    public async Task Account_ids_are_escaped_into_a_single_path_segment()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = TestKeys.Client(server);

        await client.Account["AC/../x y"].Numbers.GetAsync();

        Assert.Equal("/v1/account/AC%2F..%2Fx%20y/numbers", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Requests_alternating_between_accounts_and_clients_each_reach_their_own_path()
    {
        await using var server = await LoopbackServer.StartAsync();
        await using var other = await LoopbackServer.StartAsync();
        using var client = TestKeys.Client(server);
        using var otherClient = TestKeys.Client(other);

        foreach (var account in new[] { "AC1", "AC1", "AC2", "AC1", "AC 3" })
        {
            await client.Account[account].Numbers.GetAsync();
            await otherClient.Account[account].Numbers.GetAsync();
        }

        string[] expected = ["/v1/account/AC1/numbers", "/v1/account/AC1/numbers", "/v1/account/AC2/numbers", "/v1/account/AC1/numbers", "/v1/account/AC%203/numbers"];
        Assert.Equal(expected, server.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(expected, other.Requests.Select(r => r.PathAndQuery));
    }

    private sealed class Answering(Func<System.Net.Http.HttpRequestMessage, System.Net.Http.HttpResponseMessage> answer) : System.Net.Http.HttpMessageHandler
    {
        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
