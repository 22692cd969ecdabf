namespace TryVox.Benchmarks.Operations;

/// <summary>
/// GET <c>/v1/voice/accounts/AC123456/calls</c>, answered with <see cref="Count"/> calls, each carrying the two
/// fields the spec lacks (<see cref="Payloads.UnknownFields"/>) if <c>unknownFields</c>.
/// </summary>
public abstract class ListCalls : ClientBenchmarks
{
    private readonly bool _unknownFields;

    private protected ListCalls(int count, bool unknownFields = false)
    {
        Count = count;
        _unknownFields = unknownFields;
        Endpoint = new(HttpMethod.Get, Payloads.CallsPath, 200, Payloads.CallList(count, unknownFields));
    }

    /// <summary>How many calls the answer lists.</summary>
    public int Count { get; }

    private protected override CannedEndpoint Endpoint { get; }

    private protected override string Expected => Calls(_unknownFields);

    private protected override string FloorExpected => Calls(unknownFields: false);

    /// <summary>Hand-written HttpClient and System.Text.Json source generation.</summary>
    [Benchmark(Baseline = true)]
    public Task<FloorList<FloorCall>> Floor() => FloorClient.ListCallsAsync(Payloads.AccountId);

    /// <summary>NSwag's client.</summary>
    [Benchmark]
    public Task<NSwagApi.CallList> NSwag() => NSwagClient.ListCallsAsync(auth_id: Payloads.AccountId, x_Tenant_ID: null);

    /// <summary>The TryVox client.</summary>
    [Benchmark]
    public Task<CallList?> TryVox() => TryVoxClient.Voice.Accounts[Payloads.AccountId].Calls.GetAsync();

    private string Calls(bool unknownFields) =>
        Describe.Calls(Enumerable.Range(1, Count).Select(Payloads.SampleCall).ToList(), c => Describe.Call(c, unknownFields));

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

/// <summary>A list of 2 calls, each with two fields the spec lacks.</summary>
[BenchmarkCategory("list 2 calls, 2 unknown fields")]
public class ListTwoCallsUnknownFields() : ListCalls(2, unknownFields: true);

/// <summary>A list of 1,000 calls, each with two fields the spec lacks: the per-field cost of <c>AdditionalData</c>.</summary>
[BenchmarkCategory("list 1000 calls, 2 unknown fields")]
public class ListThousandCallsUnknownFields() : ListCalls(1000, unknownFields: true);
