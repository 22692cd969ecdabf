namespace TryVox.Benchmarks.Operations;

/// <summary>
/// GET <c>/v1/account/AC123456/numbers</c> answered 401 with the reference's body; each client surfaces it
/// its own way (an exception), caught here.
/// </summary>
[BenchmarkCategory("401 error")]
public class Unauthorized : ClientBenchmarks
{
    private protected override CannedEndpoint Endpoint { get; } =
        new(HttpMethod.Get, Payloads.NumbersPath, 401, Payloads.Unauthorized);

    private protected override string Expected => Describe.Error(401, Payloads.ErrorCode, Payloads.ErrorMessage);

    /// <summary>Hand-written HttpClient and System.Text.Json source generation.</summary>
    [Benchmark(Baseline = true)]
    public Task<FloorApiException> Floor() => Caught<FloorApiException>(FloorClient.ListNumbersAsync(Payloads.AccountId));

    /// <summary>NSwag's client.</summary>
    [Benchmark]
    public Task<NSwagApi.ApiException<NSwagApi.TryVoxError>> NSwag() =>
        Caught<NSwagApi.ApiException<NSwagApi.TryVoxError>>(NSwagClient.ListNumbersAsync(account_id: Payloads.AccountId, x_Tenant_ID: null));

    /// <summary>The TryVox client.</summary>
    [Benchmark]
    public Task<TryVoxError> TryVox() => Caught<TryVoxError>(TryVoxClient.Account[Payloads.AccountId].Numbers.GetAsync());

    private protected override async Task<string[]> DescribeResultsAsync()
    {
        var floor = await Floor();
        var nswag = await NSwag();
        var tryVox = await TryVox();
        return
        [
            Describe.Error(floor.Status, floor.Code, floor.Message),
            Describe.Error(nswag.StatusCode, nswag.Result.Error?.Code, nswag.Result.Error?.Message),
            Describe.Error(tryVox.ResponseStatusCode, tryVox.Code, tryVox.Message),
        ];
    }

    private static async Task<TException> Caught<TException>(Task call)
        where TException : Exception
    {
        try
        {
            await call;
        }
        catch (TException e)
        {
            return e;
        }

        throw new InvalidOperationException($"The call succeeded; expected {typeof(TException).Name}.");
    }
}
