using System.Net.Http.Headers;
using System.Reflection;
using BenchmarkDotNet.Configs;
using TryVox.Client;

namespace TryVox.Benchmarks.Operations;

/// <summary>
/// One operation, measured for the three clients on each transport. A subclass names the operation (its
/// category), the endpoint it calls and one benchmark method a client: <c>Floor</c> (the baseline), <c>NSwag</c>
/// and <c>TryVox</c>. Grouping by category makes the floor the baseline of each operation × transport, so
/// BenchmarkDotNet's Ratio and Alloc Ratio columns are ratios to it.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class ClientBenchmarks
{
    /// <summary>The three clients, in the order <see cref="DescribeResultsAsync"/> returns their results.</summary>
    public static readonly string[] Clients = ["Floor", "NSwag", "TryVox"];

    /// <summary>Every operation, in the order of the report.</summary>
    public static readonly Type[] Operations =
    [
        typeof(CreateCall), typeof(ListTwoCalls), typeof(ListThousandCalls), typeof(ListNumbers), typeof(Unauthorized),
        typeof(CreateCallUnknownFields), typeof(ListTwoCallsUnknownFields), typeof(ListThousandCallsUnknownFields),
    ];

    private readonly List<HttpClient> _httpClients = [];
    private Transport? _transport;

    /// <summary>The transport of this run.</summary>
    [Params(TransportKind.InMemory, TransportKind.Kestrel)]
    public TransportKind Transport { get; set; }

    /// <summary>The operation's name: its benchmark category.</summary>
    public string Operation => GetType().GetCustomAttribute<BenchmarkCategoryAttribute>()!.Categories.Single();

    /// <summary>The hand-written client.</summary>
    protected FloorClient FloorClient { get; private set; } = null!;

    /// <summary>NSwag's generated client.</summary>
    protected NSwagApi.NSwagTryVoxClient NSwagClient { get; private set; } = null!;

    /// <summary>The TryVox client, with its default retries and timeouts.</summary>
    protected TryVoxClient TryVoxClient { get; private set; } = null!;

    /// <summary>The request this operation makes and the answer it gets.</summary>
    private protected abstract CannedEndpoint Endpoint { get; }

    /// <summary>What every client must have parsed from the answer, as <see cref="DescribeResultsAsync"/> describes it.</summary>
    private protected abstract string Expected { get; }

    /// <summary>What the floor must have parsed: <see cref="Expected"/> less any fields the spec lacks, which its models skip.</summary>
    private protected virtual string FloorExpected => Expected;

    /// <summary>
    /// Starts the transport, builds the clients and runs each of them once: it fails unless each sent one
    /// request with the right body and parsed the answer in full, so nothing wrong is ever timed.
    /// </summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _transport = await Transports.Transport.StartAsync(Transport, Endpoint);
        var baseUrl = _transport.BaseUrl;
        FloorClient = new FloorClient(NewHttpClient(new Uri(baseUrl.AbsoluteUri + "/")));
        NSwagClient = new NSwagApi.NSwagTryVoxClient(NewHttpClient(baseAddress: null)) { BaseUrl = baseUrl.AbsoluteUri };
        TryVoxClient = TryVoxClientFactory.Create(new TryVoxClientOptions
        {
            ApiKey = Payloads.ApiKey,
            BaseUrl = baseUrl,
            PrimaryHandler = _transport.CreateHandler(),
        });

        Endpoint.StartRecording();
        var results = await DescribeResultsAsync();
        var requests = Endpoint.StopRecording();
        Check.Equal(Clients.Length, requests.Count, $"{Operation} on {Transport}: requests received from {Clients.Length} clients");
        for (var i = 0; i < Clients.Length; i++)
        {
            var what = $"{Operation} on {Transport}, {Clients[i]}";
            Check.SameJson(Endpoint.ExpectedRequestBody, requests[i], $"{what}: request body");
            Check.Equal(Clients[i] == "Floor" ? FloorExpected : Expected, results[i], $"{what}: result");
        }
    }

    /// <summary>Stops the transport and releases the clients' connections.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _httpClients.ForEach(client => client.Dispose());
        _httpClients.Clear();
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }
    }

    /// <summary>Runs the benchmark method of each client once, in the order of <see cref="Clients"/>, and describes what each returned.</summary>
    private protected abstract Task<string[]> DescribeResultsAsync();

    // The floor's and NSwag's HttpClient: the transport's handler and the key as a default header, set once.
    private HttpClient NewHttpClient(Uri? baseAddress)
    {
        var client = new HttpClient(_transport!.CreateHandler()) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Payloads.ApiKey);
        _httpClients.Add(client);
        return client;
    }
}
