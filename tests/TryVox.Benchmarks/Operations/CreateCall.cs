namespace TryVox.Benchmarks.Operations;

/// <summary>POST <c>/v1/voice/accounts/AC123456/calls</c> with the reference's body, answered 201 with the call.</summary>
[BenchmarkCategory("create call")]
public class CreateCall : ClientBenchmarks
{
    private static readonly CannedCall Placed = Payloads.SampleCall();

    private protected override CannedEndpoint Endpoint { get; } =
        new(HttpMethod.Post, Payloads.CallsPath, 201, Payloads.Call(Placed), Payloads.CreateCallRequest);

    private protected override string Expected => Describe.Call(Placed);

    /// <summary>Hand-written HttpClient and System.Text.Json source generation.</summary>
    [Benchmark(Baseline = true)]
    public Task<FloorCall> Floor() =>
        FloorClient.CreateCallAsync(Payloads.AccountId, new FloorCreateCallRequest(Payloads.From, Payloads.To, Payloads.AnswerUrl));

    /// <summary>NSwag's client.</summary>
    [Benchmark]
    public Task<NSwagApi.Call> NSwag() => NSwagClient.CreateCallAsync(
        body: new NSwagApi.CreateCallRequest { From = Payloads.From, To = Payloads.To, Answer_url = new Uri(Payloads.AnswerUrl) },
        auth_id: Payloads.AccountId,
        x_Tenant_ID: null);

    /// <summary>The TryVox client.</summary>
    [Benchmark]
    public Task<Call?> TryVox() => TryVoxClient.Voice.Accounts[Payloads.AccountId].Calls.PostAsync(
        new CreateCallRequest { From = Payloads.From, To = Payloads.To, AnswerUrl = Payloads.AnswerUrl });

    private protected override async Task<string[]> DescribeResultsAsync() =>
        [Describe.Call(await Floor()), Describe.Call(await NSwag()), Describe.Call(await TryVox())];
}
