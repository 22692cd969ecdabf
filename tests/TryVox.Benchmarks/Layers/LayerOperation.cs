using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using TryVox.Benchmarks.Operations;
using TryVox.Client.Account;
using TryVox.Client.Account.Item.Numbers;
using TryVox.Client.Voice;
using TryVox.Client.Voice.Accounts.Item.Calls;

namespace TryVox.Benchmarks.Layers;

/// <summary>The generated root request builders of a client: the TryVox client's own, or the same builders over another adapter.</summary>
public sealed record ClientRoots(Func<VoiceRequestBuilder> Voice, Func<AccountRequestBuilder> Account);

/// <summary>
/// One operation taken apart by the layers mode: the whole call, as an application makes it, and each of its
/// parts that the public API can run alone (the navigation, the request information with and without its body,
/// Kiota's parse of the answer).
/// </summary>
public abstract class LayerOperation(string name, HttpMethod method, string path, int status, byte[] answer, byte[]? requestBody = null)
{
    /// <summary>Every operation the layers mode measures, in the order of its report.</summary>
    public static IReadOnlyList<LayerOperation> All { get; } =
        [new CreateCallLayers(), new ListCallsLayers(2), new ListCallsLayers(1000), new ListNumbersLayers(), new ListCallsLayers(1000, unknownFields: true)];

    /// <summary>The operation's name in the report.</summary>
    public string Name { get; } = name;

    /// <summary>The answer's body.</summary>
    public byte[] Answer { get; } = answer;

    /// <summary>The generated models the call creates, each with its own <c>AdditionalData</c> dictionary: the request's and the answer's.</summary>
    public abstract int ModelObjects { get; }

    /// <summary>What the result must describe as (<see cref="Describe"/>).</summary>
    public abstract string Expected { get; }

    /// <summary>The request and its answer; without a body, the same request answered 204 No Content.</summary>
    public CannedEndpoint Endpoint(bool withBody) =>
        withBody ? new(method, path, status, Answer, requestBody) : new(method, path, 204, [], requestBody);

    /// <summary>The whole call, as an application makes it (the request model included).</summary>
    public abstract Task Run(ClientRoots roots);

    /// <summary>The whole call, its result described for the check before anything is measured.</summary>
    public abstract Task<string> DescribeResultAsync(ClientRoots roots);

    /// <summary>The hand-written client's call: the floor.</summary>
    public abstract Task RunFloor(FloorClient floor);

    /// <summary>The request builders from the root to the operation's.</summary>
    public abstract BaseRequestBuilder Navigate(ClientRoots roots);

    /// <summary>The operation's request information without a body: <c>ToGetRequestInformation()</c>.</summary>
    public abstract RequestInformation WithoutBody(BaseRequestBuilder builder);

    /// <summary>The operation's request information with its body, or null for an operation without one.</summary>
    public virtual RequestInformation? WithBody(BaseRequestBuilder builder) => null;

    /// <summary>A new request model, or null for an operation without one.</summary>
    public virtual object? NewRequestModel() => null;

    /// <summary>Reads the answer's model from a parse node.</summary>
    public abstract object? Parse(IParseNode root);
}

/// <summary>POST <c>/v1/voice/accounts/AC123456/calls</c>, answered 201 with the call.</summary>
public sealed class CreateCallLayers() : LayerOperation(
    "create call", HttpMethod.Post, Payloads.CallsPath, 201, Payloads.Call(Payloads.SampleCall()), Payloads.CreateCallRequest)
{
    private static readonly CreateCallRequest Body = NewModel();

    /// <inheritdoc />
    public override int ModelObjects => 2;

    /// <inheritdoc />
    public override string Expected => Describe.Call(Payloads.SampleCall());

    /// <inheritdoc />
    public override Task Run(ClientRoots roots) => Send(roots);

    /// <inheritdoc />
    public override async Task<string> DescribeResultAsync(ClientRoots roots) => Describe.Call(await Send(roots));

    /// <inheritdoc />
    public override Task RunFloor(FloorClient floor) =>
        floor.CreateCallAsync(Payloads.AccountId, new FloorCreateCallRequest(Payloads.From, Payloads.To, Payloads.AnswerUrl));

    /// <inheritdoc />
    public override BaseRequestBuilder Navigate(ClientRoots roots) => roots.Voice().Accounts[Payloads.AccountId].Calls;

    /// <inheritdoc />
    public override RequestInformation WithoutBody(BaseRequestBuilder builder) => ((CallsRequestBuilder)builder).ToGetRequestInformation();

    /// <inheritdoc />
    public override RequestInformation? WithBody(BaseRequestBuilder builder) => ((CallsRequestBuilder)builder).ToPostRequestInformation(Body);

    /// <inheritdoc />
    public override object? NewRequestModel() => NewModel();

    /// <inheritdoc />
    public override object? Parse(IParseNode root) => root.GetObjectValue(Call.CreateFromDiscriminatorValue);

    private static CreateCallRequest NewModel() => new CreateCallRequest { From = Payloads.From, To = Payloads.To, AnswerUrl = Payloads.AnswerUrl };

    private static Task<Call?> Send(ClientRoots roots) =>
        roots.Voice().Accounts[Payloads.AccountId].Calls.PostAsync(NewModel());
}

/// <summary>
/// GET <c>/v1/voice/accounts/AC123456/calls</c>, answered with <paramref name="count"/> calls, each with the two fields
/// the spec lacks if <paramref name="unknownFields"/>.
/// </summary>
public sealed class ListCallsLayers(int count, bool unknownFields = false) : LayerOperation(
    $"list {count} calls{(unknownFields ? ", 2 unknown fields" : "")}", HttpMethod.Get, Payloads.CallsPath, 200, Payloads.CallList(count, unknownFields))
{
    /// <inheritdoc />
    public override int ModelObjects => count + 1;

    /// <inheritdoc />
    public override string Expected =>
        Describe.Calls(Enumerable.Range(1, count).Select(Payloads.SampleCall).ToList(), c => Describe.Call(c, unknownFields));

    /// <inheritdoc />
    public override Task Run(ClientRoots roots) => Calls(roots).GetAsync();

    /// <inheritdoc />
    public override async Task<string> DescribeResultAsync(ClientRoots roots) => Describe.Calls((await Calls(roots).GetAsync())?.Data, Describe.Call);

    /// <inheritdoc />
    public override Task RunFloor(FloorClient floor) => floor.ListCallsAsync(Payloads.AccountId);

    /// <inheritdoc />
    public override BaseRequestBuilder Navigate(ClientRoots roots) => Calls(roots);

    /// <inheritdoc />
    public override RequestInformation WithoutBody(BaseRequestBuilder builder) => ((CallsRequestBuilder)builder).ToGetRequestInformation();

    /// <inheritdoc />
    public override object? Parse(IParseNode root) => root.GetObjectValue(CallList.CreateFromDiscriminatorValue);

    private static CallsRequestBuilder Calls(ClientRoots roots) => roots.Voice().Accounts[Payloads.AccountId].Calls;
}

/// <summary>GET <c>/v1/account/AC123456/numbers</c>, answered with the reference's example.</summary>
public sealed class ListNumbersLayers() : LayerOperation("list numbers", HttpMethod.Get, Payloads.NumbersPath, 200, Payloads.NumberList)
{
    /// <inheritdoc />
    public override int ModelObjects => 2;

    /// <inheritdoc />
    public override string Expected => $"{Payloads.From} {Payloads.Country} {Payloads.NumberStatus}";

    /// <inheritdoc />
    public override Task Run(ClientRoots roots) => Numbers(roots).GetAsync();

    /// <inheritdoc />
    public override async Task<string> DescribeResultAsync(ClientRoots roots) =>
        Describe.Numbers((await Numbers(roots).GetAsync())?.Data, n => (n.E164, n.Country, n.Status));

    /// <inheritdoc />
    public override Task RunFloor(FloorClient floor) => floor.ListNumbersAsync(Payloads.AccountId);

    /// <inheritdoc />
    public override BaseRequestBuilder Navigate(ClientRoots roots) => Numbers(roots);

    /// <inheritdoc />
    public override RequestInformation WithoutBody(BaseRequestBuilder builder) => ((NumbersRequestBuilder)builder).ToGetRequestInformation();

    /// <inheritdoc />
    public override object? Parse(IParseNode root) => root.GetObjectValue(PhoneNumberList.CreateFromDiscriminatorValue);

    private static NumbersRequestBuilder Numbers(ClientRoots roots) => roots.Account()[Payloads.AccountId].Numbers;
}
