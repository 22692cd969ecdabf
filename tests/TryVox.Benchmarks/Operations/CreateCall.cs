namespace TryVox.Benchmarks.Operations;

/// <summary>
/// POST <c>/v1/voice/accounts/AC123456/calls</c> with the reference's body, answered 201 with the call, which carries
/// the two fields the spec lacks (<see cref="Payloads.UnknownFields"/>) if <c>unknownFields</c>.
/// </summary>
public abstract class PlaceCall : ClientBenchmarks
{
    private static readonly CannedCall Placed = Payloads.SampleCall();

    private readonly bool _unknownFields;

    private protected PlaceCall(bool unknownFields)
    {
        _unknownFields = unknownFields;
        Endpoint = new(HttpMethod.Post, Payloads.CallsPath, 201, Payloads.Call(Placed, unknownFields), Payloads.CreateCallRequest);
    }

    private protected override CannedEndpoint Endpoint { get; }

    private protected override string Expected => Describe.Call(Placed, _unknownFields);

    private protected override string FloorExpected => Describe.Call(Placed);

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

/// <summary>The reference's create call.</summary>
[BenchmarkCategory("create call")]
public class CreateCall() : PlaceCall(unknownFields: false);

/// <summary>The create call answered with two fields the spec lacks.</summary>
[BenchmarkCategory("create call, 2 unknown fields")]
public class CreateCallUnknownFields() : PlaceCall(unknownFields: true);
