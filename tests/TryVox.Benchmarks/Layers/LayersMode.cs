using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using TryVox.Benchmarks.Operations;
using TryVox.Benchmarks.Reports;

namespace TryVox.Benchmarks.Layers;

/// <summary>
/// Where each operation's bytes go, layer by layer, on the in-memory transport, counted as the alloc mode counts
/// (<see cref="AllocationCounter"/>: tiered compilation off, the median of single runs, the same figures each time).
/// Each layer is measured by running exactly that part through the public API; the parts of the client that the
/// public API cannot run alone are what is left of a side once the parts it can run are taken away. Prints one
/// table per operation, Kiota's own parts measured alone, the floor Kiota's generated objects impose, and the notes
/// that say how each figure is obtained.
/// </summary>
public static class LayersMode
{
    private static readonly string[] Subjects = [LayerSubject.KiotaAdapter, LayerSubject.TryVox];

    /// <summary>Prints the tables; returns the exit code.</summary>
    public static Task<int> RunAsync() => AllocationCounter.RunDeterministicAsync("layers", async () =>
    {
        var text = new StringBuilder();
        var shared = MeasureShared();
        var floorRows = new List<string[]>();
        foreach (var operation in LayerOperation.All)
        {
            var layers = await MeasureAsync(operation);
            text.AppendLine(CultureInfo.InvariantCulture, $"### {operation.Name}").AppendLine()
                .Append(Table(["Layer", .. Subjects], layers.Rows)).AppendLine()
                .Append(Table(["Parts measured alone", "Bytes"], layers.KiotaParts)).AppendLine();
            var imposed = layers.KiotaImposed(shared.AdditionalDataPerModel, operation.ModelObjects);
            floorRows.Add([operation.Name, Bytes(layers.Floor), Bytes(imposed), Bytes(layers.Floor + imposed), Bytes(layers.TryVox),
                Signed(layers.TryVox - layers.Floor - imposed)]);
        }

        text.AppendLine("### Per request and per model object").AppendLine()
            .Append(Table(["Part", "Bytes"], shared.Rows)).AppendLine()
            .AppendLine("### The floor Kiota's generated objects impose").AppendLine()
            .Append(Table(["Operation", "STJ floor", "Kiota-imposed", "Floor + Kiota-imposed", "TryVox", "TryVox − that"], floorRows)).AppendLine()
            .Append(Notes);
        Console.Write(text.ToString());
        return 0;
    });

    private const string Notes = """
        How each figure is obtained (bytes on the calling thread per run, the median of 101 runs after 20 warm-up runs):

        - [a] The whole call as an application makes it, through the client's public API, on the in-memory transport.
        - [b] The same calls, split where the request reaches the transport: an AllocationProbe in front of the in-memory
          handler reads the thread's allocation counter as the request arrives and as the answer leaves. The transport's
          share is the in-memory handler's work (reading the request, building the answer); it differs by a few dozen bytes
          with how a client stores the headers and body the handler reads.
        - [c] That part alone: `new CreateCallRequest { … }`; `Voice.Accounts["AC123456"].Calls` (or
          `Account["AC123456"].Numbers`) from the client's root; `ToGetRequestInformation()` on that builder.
        - [d] `ToPostRequestInformation(body)` (its content disposed) minus `ToGetRequestInformation()` on the same builder:
          `SetContentFromParsable`, the client's serialization writer writing the body.
        - [e] A dictionary built exactly as each generated method builds its error mapping (five status keys, the error
          model's factory), per call.
        - [f] The request side less [c], [d] and [e]: the adapter (URL, key, headers, request message, time limits,
          spans) and the handlers up to the transport. Kiota's adapter expands the URI template twice here (key
          provider, request message) and calls the key provider; the TryVox client expands the URL itself.
        - [g] The response side of the same call answered 204 No Content: the handlers and the adapter on the way back,
          without a body to buffer or read (its null result completes with the runtime's cached Tasks).
        - [h] The response side of the call with its answer minus [g]: buffering the body, parse nodes and models, and
          the Tasks that carry the result back through the async methods (72 B each).
        - [i] That part of Kiota alone: `RequestInformation.URI`; `TryVoxAuthenticationProvider.AuthenticateRequestAsync` on
          a fresh request information, minus the request information and one URI expansion; `LoadIntoBufferAsync` and
          `ReadAsStreamAsync` on the answer's content (what HttpClient and Kiota's adapter do with it), minus the content as
          the transport hands it over (body and `Content-Type`); `ParseNodeFactoryRegistry.DefaultInstance.GetRootParseNodeAsync`
          over the answer, then `GetObjectValue`.
        - [j] The answer read as the TryVox client reads it: `Content-Length`, `ReadAsStreamAsync`, into an `ArrayPool` buffer
          returned afterwards, minus the content as the transport hands it over.
        - [k] A message sent through an `HttpMessageInvoker` or an `HttpClient` (infinite timeout, a cancellable token,
          headers read) to a handler that hands back a ready answer, minus the message.
        - [l] `new Call()` against the floor's `FloorCall`, the same six properties without `AdditionalData`;
          `GetFieldDeserializers()` on a `Call` (Kiota's parse node calls it per object); the method-group conversion the
          generated code passes as factory.
        - [m] A `Call` given the two fields the spec lacks in its `AdditionalData` (`"direction"`, a literal, and `42m`), minus
          `new Call()`; and the string an unknown field's text value reads as. Their names cost nothing per object: the client
          reads each name once and reuses its string.
        - Kiota-imposed: navigation [c] + request information without body [c] + error mapping [e] + one `AdditionalData`
          dictionary [l] per generated model object the call creates (the request's and the answer's). The STJ floor is the
          hand-written HttpClient + System.Text.Json client of the benchmarks, measured here the same way.

        """;

    private static async Task<OperationLayers> MeasureAsync(LayerOperation operation)
    {
        var layers = new OperationLayers();
        var errors = Bytes(NewErrorMapping, "error mapping");
        var model = operation.NewRequestModel() is null ? 0 : Bytes(operation.NewRequestModel, "request model");
        var columns = new List<(string Layer, long Bytes)[]>();
        foreach (var name in Subjects)
        {
            using var answered = await CheckedAsync(operation, name, withBody: true);
            using var empty = await CheckedAsync(operation, name, withBody: false);
            var what = $"{operation.Name}, {name}";
            var split = AllocationCounter.BytesPerRun(() => operation.Run(answered.Roots), what, answered.Probe.Split);
            var (request, transport, response) = (split[0], split[1], split[2]);
            var emptyResponse = AllocationCounter.BytesPerRun(() => operation.Run(empty.Roots), what + " (204)", empty.Probe.Split)[2];
            var navigation = Bytes(() => operation.Navigate(answered.Roots), what + ", navigation");
            var builder = operation.Navigate(answered.Roots);
            var information = Bytes(() => operation.WithoutBody(builder), what + ", request information");
            var writer = operation.WithBody(builder) is null ? 0 : Bytes(() => WithBodyDisposed(operation, builder), what + ", body") - information;
            columns.Add(
            [
                ("whole call [a]", request + transport + response),
                ("request side: the call until the transport [b]", request),
                ("· request model [c]", model),
                ("· navigation builders [c]", navigation),
                ("· RequestInformation, no body [c]", information),
                ("· serialization writer (body) [d]", writer),
                ("· error-mapping dictionary [e]", errors),
                ("· adapter and handlers [f]", request - model - navigation - information - writer - errors),
                ("transport: the in-memory handler [b]", transport),
                ("response side: the transport's answer until the result [b]", response),
                ("· adapter and handlers, no body (204) [g]", emptyResponse),
                ("· buffering, parse nodes, models, result [h]", response - emptyResponse),
            ]);
            if (name == LayerSubject.TryVox)
            {
                layers.TryVox = request + transport + response;
                layers.Imposed = navigation + information + errors;
            }
        }

        layers.Rows = [.. columns[0].Select((row, i) => (string[])[row.Layer, .. columns.Select(c => Bytes(c[i].Bytes))])];
        layers.KiotaParts = MeasureKiotaParts(operation);

        var floor = LayerSubject.CreateFloor(operation.Endpoint(withBody: true));
        layers.Floor = AllocationCounter.BytesPerRun(() => operation.RunFloor(floor), operation.Name + ", floor");
        return layers;
    }

    /// <summary>
    /// A subject over <paramref name="operation"/>'s endpoint, run once first while the endpoint records: fails unless
    /// it sent the right request and, when answered with a body, read the whole answer.
    /// </summary>
    private static async Task<LayerSubject> CheckedAsync(LayerOperation operation, string name, bool withBody)
    {
        var endpoint = operation.Endpoint(withBody);
        var subject = LayerSubject.Create(name, endpoint);
        var what = $"{operation.Name}, {name}{(withBody ? "" : " (204)")}";
        endpoint.StartRecording();
        var result = withBody ? await operation.DescribeResultAsync(subject.Roots) : null;
        if (!withBody)
        {
            await operation.Run(subject.Roots);
        }

        var requests = endpoint.StopRecording();
        Check.Equal(1, requests.Count, what + ": requests received");
        Check.SameJson(endpoint.ExpectedRequestBody, requests[0], what + ": request body");
        if (withBody)
        {
            Check.Equal(operation.Expected, result, what + ": result");
        }

        return subject;
    }

    private static string[][] MeasureKiotaParts(LayerOperation operation)
    {
        using var kiota = LayerSubject.Create(LayerSubject.KiotaAdapter, operation.Endpoint(withBody: true));
        var builder = operation.Navigate(kiota.Roots);
        var held = operation.WithoutBody(builder);
        var information = Bytes(() => operation.WithoutBody(builder), "request information");
        var uri = Bytes(() => held.URI, "URI template expansion");
        var keys = LayerSubject.NewKeyProvider();
        var authentication = Bytes(
            () =>
            {
                var fresh = operation.WithoutBody(builder);
                keys.AuthenticateRequestAsync(fresh).GetAwaiter().GetResult();
                return fresh;
            },
            "key provider") - information - uri;
        var content = Bytes(() => AnswerContent(operation), "content");
        var buffered = Bytes(
            () =>
            {
                var answer = AnswerContent(operation);
                answer.LoadIntoBufferAsync().GetAwaiter().GetResult();
                return answer.ReadAsStreamAsync().GetAwaiter().GetResult();
            },
            "buffering") - content;
        var pooled = Bytes(() => PooledRead(AnswerContent(operation)), "pooled read") - content;
        using var body = new MemoryStream(operation.Answer, writable: false);
        var parse = Bytes(
            () =>
            {
                body.Position = 0;
                return operation.Parse(ParseNodeFactoryRegistry.DefaultInstance.GetRootParseNodeAsync("application/json", body).GetAwaiter().GetResult());
            },
            "Kiota parse");
        return
        [
            ["URI template expansion: one `RequestInformation.URI` [i]", Bytes(uri)],
            ["key provider: `AuthenticateRequestAsync`, its URI expansion excluded [i]", Bytes(authentication)],
            ["HttpClient's buffering of the answer [i]", Bytes(buffered)],
            ["the TryVox client's pooled read of the answer [j]", Bytes(pooled)],
            ["parse nodes and models: `JsonParseNode` [i]", Bytes(parse)],
        ];
    }

    private static SharedParts MeasureShared()
    {
        using var answer = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        var ready = Task.FromResult(answer);
        using var invoker = new HttpMessageInvoker(new ReadyAnswer(ready));
        using var http = new HttpClient(new ReadyAnswer(ready)) { Timeout = Timeout.InfiniteTimeSpan };
        using var cancellation = new CancellationTokenSource();
        var message = Bytes(() => new HttpRequestMessage(HttpMethod.Get, Transport.InMemoryBaseUrl), "message");
        var viaInvoker = Bytes(
            () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Transport.InMemoryBaseUrl), cancellation.Token).GetAwaiter().GetResult(),
            "invoker round trip") - message;
        var viaHttpClient = Bytes(
            () => http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Transport.InMemoryBaseUrl), HttpCompletionOption.ResponseHeadersRead, cancellation.Token)
                .GetAwaiter().GetResult(),
            "HttpClient round trip") - message;
        var call = Bytes(() => new Call(), "model");
        var plain = Bytes(() => new FloorCall(), "POCO");
        var held = new Call();
        var deserializers = Bytes(held.GetFieldDeserializers, "field deserializers");
        var factory = Bytes(() => (ParsableFactory<Call>)Call.CreateFromDiscriminatorValue, "factory delegate");
        var unknownFields = Bytes(
            () =>
            {
                var withUnknown = new Call();
                withUnknown.AdditionalData.Add("direction", "outbound");
                withUnknown.AdditionalData.Add("duration_seconds", 42m);
                return withUnknown;
            },
            "two unknown fields") - call;
        var text = Bytes(() => new string('x', "outbound".Length), "an unknown field's text");
        return new SharedParts(call - plain,
        [
            ["an `HttpMessageInvoker` round trip [k]", Bytes(viaInvoker)],
            ["an `HttpClient` round trip [k]", Bytes(viaHttpClient)],
            ["`new Call()` [l]", Bytes(call)],
            ["`new FloorCall()`: the same six properties, no `AdditionalData` [l]", Bytes(plain)],
            ["→ `AdditionalData` per model object [l]", Bytes(call - plain)],
            ["`Call.GetFieldDeserializers()`, per object on Kiota's parse path [l]", Bytes(deserializers)],
            ["the parse-node factory delegate the generated code passes [l]", Bytes(factory)],
            ["two unknown fields in a `Call`'s `AdditionalData`: its room for them and a boxed `decimal` [m]", Bytes(unknownFields)],
            ["an unknown field's text value, `\"outbound\"` [m]", Bytes(text)],
        ]);
    }

    /// <summary>The error mapping every generated method builds per call, built the same way.</summary>
    private static Dictionary<string, ParsableFactory<IParsable>> NewErrorMapping() => new()
    {
        { "400", TryVoxError.CreateFromDiscriminatorValue },
        { "401", TryVoxError.CreateFromDiscriminatorValue },
        { "403", TryVoxError.CreateFromDiscriminatorValue },
        { "429", TryVoxError.CreateFromDiscriminatorValue },
        { "XXX", TryVoxError.CreateFromDiscriminatorValue },
    };

    private static RequestInformation WithBodyDisposed(LayerOperation operation, BaseRequestBuilder builder)
    {
        var information = operation.WithBody(builder)!;
        information.Content.Dispose();
        return information;
    }

    /// <summary>The answer's content as the in-memory transport hands it over: the body and its <c>Content-Type</c>.</summary>
    private static ByteArrayContent AnswerContent(LayerOperation operation)
    {
        var content = new ByteArrayContent(operation.Answer);
        content.Headers.TryAddWithoutValidation("Content-Type", CannedEndpoint.ContentType);
        return content;
    }

    /// <summary>Reads a body the way the TryVox client does: its declared length, its stream, into a pooled buffer given back afterwards.</summary>
    private static int PooledRead(HttpContent content)
    {
        var declared = content.Headers.ContentLength ?? 0;
        using var stream = content.ReadAsStreamAsync().GetAwaiter().GetResult();
        var buffer = ArrayPool<byte>.Shared.Rent((int)declared + 1);
        var length = 0;
        int read;
        while ((read = stream.Read(buffer.AsSpan(length))) > 0)
        {
            length += read;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return length;
    }

    private static long Bytes(Func<object?> work, string name) => AllocationCounter.BytesPerRun(work, name);

    private static string Bytes(long bytes) => bytes.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Signed(long bytes) => (bytes >= 0 ? "+" : "−") + Bytes(Math.Abs(bytes));

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("| " + string.Join(" | ", header.Select((_, i) => i == 0 ? "---" : "---:")) + " |");
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    private sealed class OperationLayers
    {
        public string[][] Rows { get; set; } = [];

        public string[][] KiotaParts { get; set; } = [];

        public long TryVox { get; set; }

        public long Floor { get; set; }

        /// <summary>Navigation, request information and error mapping: what every call through the generated builders costs.</summary>
        public long Imposed { get; set; }

        public long KiotaImposed(long additionalDataPerModel, int models) => Imposed + (additionalDataPerModel * models);
    }

    private sealed record SharedParts(long AdditionalDataPerModel, string[][] Rows);

    /// <summary>A handler that hands back the same ready answer to every request.</summary>
    private sealed class ReadyAnswer(Task<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer;
    }
}
