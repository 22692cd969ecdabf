namespace TryVox.Benchmarks.Operations;

/// <summary>GET <c>/v1/account/AC123456/numbers</c>, answered with the reference's example.</summary>
[BenchmarkCategory("list numbers")]
public class ListNumbers : ClientBenchmarks
{
    private protected override CannedEndpoint Endpoint { get; } =
        new(HttpMethod.Get, Payloads.NumbersPath, 200, Payloads.NumberList);

    private protected override string Expected => $"{Payloads.From} {Payloads.Country} {Payloads.NumberStatus}";

    /// <summary>Hand-written HttpClient and System.Text.Json source generation.</summary>
    [Benchmark(Baseline = true)]
    public Task<FloorList<FloorPhoneNumber>> Floor() => FloorClient.ListNumbersAsync(Payloads.AccountId);

    /// <summary>NSwag's client.</summary>
    [Benchmark]
    public Task<NSwagApi.PhoneNumberList> NSwag() => NSwagClient.ListNumbersAsync(account_id: Payloads.AccountId, x_Tenant_ID: null);

    /// <summary>The TryVox client.</summary>
    [Benchmark]
    public Task<PhoneNumberList?> TryVox() => TryVoxClient.Account[Payloads.AccountId].Numbers.GetAsync();

    private protected override async Task<string[]> DescribeResultsAsync() =>
    [
        Describe.Numbers((await Floor()).Data, n => (n.E164, n.Country, n.Status)),
        Describe.Numbers((await NSwag()).Data, n => (n.E164, n.Country, n.Status)),
        Describe.Numbers((await TryVox())?.Data, n => (n.E164, n.Country, n.Status)),
    ];
}
