using System.Net;
using System.Text;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>
/// Bytes allocated by one warmed-up operation, against an in-memory handler so that it completes on this thread:
/// deterministic, unlike time (which is the benchmark's job, tests/TryVox.Benchmarks). Each budget is what the operation
/// allocates today plus about 5 %, inside the targets of docs/performance.md; an allocation regression fails here. The class runs alone: operations share
/// process-wide caches (one URL cache per operation, ArrayPool.Shared) that tests running beside it would churn.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class AllocationBudgetTests
{
    private const string CallJson = """{"id":"call_7f3c2a","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued","created_at":"2026-01-01T12:00:00Z"}""";

    /// <summary>The same call with two fields the spec lacks, as a server adds them before the spec catches up.</summary>
    private const string CallWithUnknownFieldsJson = """{"id":"call_7f3c2a","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued","created_at":"2026-01-01T12:00:00Z","direction":"outbound","duration_seconds":42}""";

    public static TheoryData<string, int> Budgets => new()
    {
        // Target: the floor (raw HttpClient + System.Text.Json source generation, 3,544 B) plus 4 KiB.
        { "create call", 6_000 },
        { "list 2 calls", 5_700 },
        { "list numbers", 4_750 },
        { "401 error", 8_700 },
        // Target: 1.5 times the floor's 363,456 B.
        { "list 1,000 calls", 460_000 },
        // Each unknown field kept in AdditionalData as Kiota keeps it: the dictionary's room for them and their values.
        { "create call, 2 unknown fields", 6_100 },
        { "list 2 calls, 2 unknown fields", 6_050 },
        // Targets: 2 times the floor's 363,456 B, and below NSwag's 1,044,144 B.
        { "list 1,000 calls, 2 unknown fields", 680_000 },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task One_operation_stays_within_its_allocation_budget(string operation, int budget)
    {
        var (handler, run) = Operation(operation);
        using var client = new TryVoxClient(new TryVoxClientOptions { ApiKey = TestKeys.Sandbox, PrimaryHandler = handler });
        for (var i = 0; i < 3; i++)
        {
            await run(client);
        }

        // The least of three runs: a gen0 GC between two runs can empty a pool the next run then refills.
        var allocated = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var pending = run(client);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);

            Assert.True(pending.IsCompletedSuccessfully, "The in-memory operation must complete on this thread for the count to hold.");
            await pending;
        }

        Assert.True(allocated <= budget, $"{operation} allocated {allocated:N0} bytes; its budget is {budget:N0}.");
    }

    private static (CannedHandler Handler, Func<TryVoxClient, Task> Run) Operation(string name) => name switch
    {
        "create call" => (new CannedHandler(HttpStatusCode.Created, CallJson), CreateCall),
        "create call, 2 unknown fields" => (new CannedHandler(HttpStatusCode.Created, CallWithUnknownFieldsJson), CreateCall),
        "list 2 calls" => (new CannedHandler(HttpStatusCode.OK, Calls(CallJson, 2)), ListCalls),
        "list 2 calls, 2 unknown fields" => (new CannedHandler(HttpStatusCode.OK, Calls(CallWithUnknownFieldsJson, 2)), ListCalls),
        "list 1,000 calls" => (new CannedHandler(HttpStatusCode.OK, Calls(CallJson, 1000)), ListCalls),
        "list 1,000 calls, 2 unknown fields" => (new CannedHandler(HttpStatusCode.OK, Calls(CallWithUnknownFieldsJson, 1000)), ListCalls),
        "list numbers" => (new CannedHandler(HttpStatusCode.OK, Fixtures.NumbersJson), client => client.Account["AC123456"].Numbers.GetAsync()),
        "401 error" => (new CannedHandler(HttpStatusCode.Unauthorized, """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}"""), Unauthorized),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Calls(string call, int count) => $"{{\"data\":[{string.Join(',', Enumerable.Repeat(call, count))}]}}";

    private static Task<Call?> CreateCall(TryVoxClient client) => client.Voice.Accounts["AC123456"].Calls.PostAsync(new CreateCallRequest
    {
        From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
    });

    private static Task<CallList?> ListCalls(TryVoxClient client) => client.Voice.Accounts["AC123456"].Calls.GetAsync();

    private static async Task Unauthorized(TryVoxClient client)
    {
        try
        {
            await client.Account["AC123456"].Numbers.GetAsync();
        }
        catch (TryVoxError e) when (e.ResponseStatusCode == 401)
        {
            return;
        }

        Assert.Fail("The 401 did not surface as a TryVoxError.");
    }

    /// <summary>Answers every request at once with the same bytes, as a server would send them.</summary>
    private sealed class CannedHandler(HttpStatusCode status, string json) : HttpMessageHandler
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(json);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }
}

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
