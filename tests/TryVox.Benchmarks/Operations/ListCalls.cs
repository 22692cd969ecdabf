namespace TryVox.Benchmarks.Operations;

/// <summary>GET <c>/v1/voice/accounts/AC123456/calls</c>, answered with <see cref="Count"/> calls.</summary>
public abstract class ListCalls : ClientBenchmarks
{
    private protected ListCalls(int count)
    {
        Count = count;
        Endpoint = new(HttpMethod.Get, Payloads.CallsPath, 200, Payloads.CallList(count));
    }

    /// <summary>How many calls the answer lists.</summary>
    public int Count { get; }

    private protected override CannedEndpoint Endpoint { get; }

    private protected override string Expected =>
        Describe.Calls(Enumerable.Range(1, Count).Select(Payloads.SampleCall).ToList(), Describe.Call);

    /// <summary>Hand-written HttpClient and System.Text.Json source generation.</summary>
    [Benchmark(Baseline = true)]
    public Task<FloorList<FloorCall>> Floor() => FloorClient.ListCallsAsync(Payloads.AccountId);

    /// <summary>NSwag's client.</summary>
    [Benchmark]
    public Task<NSwagApi.CallList> NSwag() => NSwagClient.ListCallsAsync(auth_id: Payloads.AccountId, x_Tenant_ID: null);

    /// <summary>The TryVox client.</summary>
    [Benchmark]
    public Task<CallList?> TryVox() => TryVoxClient.Voice.Accounts[Payloads.AccountId].Calls.GetAsync();

    private protected override async Task<string[]> DescribeResultsAsync() =>
    [
        Describe.Calls((await Floor()).Data, Describe.Call),
        Describe.Calls((await NSwag()).Data, Describe.Call),
        Describe.Calls((await TryVox())?.Data, Describe.Call),
    ];
}

/// <summary>A list of 2 calls: the per-request cost.</summary>
[BenchmarkCategory("list 2 calls")]
public class ListTwoCalls() : ListCalls(2);

/// <summary>A list of 1,000 calls: the per-object cost of parsing.</summary>
[BenchmarkCategory("list 1000 calls")]
public class ListThousandCalls() : ListCalls(1000);
