using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Authentication;
using TryVox.Client.Models;

namespace TryVox.Client.Tests;

/// <summary>
/// The same requests through the client's adapter and through Kiota's own <see cref="HttpClientRequestAdapter"/> (with
/// Kiota's default handlers and the same authentication provider), over one in-memory server that answers both alike,
/// with bodies that can be read once, as from the network. URL and query, HTTP version, method, every header and the
/// body's bytes of each request sent, and the result or exception, are compared. They differ exactly where
/// docs/kiota-upgrades.md ("How the client differs from Kiota's adapter") says, and nowhere else.
/// </summary>
public sealed partial class KiotaAdapterDifferentialTests
{
    private const string BaseUrl = "https://api.tryvox.io/v1";
    private const string CallJson = """{"id":"call_1","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer?a=1&b=<2>","status":"queued","created_at":"2026-01-01T12:00:00Z","unknown":{"x":[1,2.5,null]}}""";
    private const string ErrorJson = """{"error":{"code":"BUSY","message":"Try again later"}}""";
    private const string Runbook = "docs/kiota-upgrades.md";

    /// <summary>Why the adapters differ: the rows of the runbook's table, then the differences it lists as known, to be fixed.</summary>
    public enum Why
    {
        UserAgent,
        JsonEscaping,
        Retries,
        SendOnce,
        TypedErrors,
        UnreadableAnswers,
        UnfollowedRedirects,
        PathParameters,
        NetworkFailures,
        TenantOnRedirects,
        Compression,
        HttpVersion,
        HandlerOptions,
    }

    /// <summary>Each difference's name in the runbook, in its table's first column or, for a known one, its list.</summary>
    private static readonly Dictionary<Why, string> Documented = new()
    {
        [Why.UserAgent] = "User-Agent",
        [Why.JsonEscaping] = "JSON escaping",
        [Why.Retries] = "Retries",
        [Why.SendOnce] = "Send-once",
        [Why.TypedErrors] = "Typed errors",
        [Why.UnreadableAnswers] = "Unreadable answers",
        [Why.UnfollowedRedirects] = "Unfollowed redirects",
        [Why.PathParameters] = "Path parameters",
        [Why.NetworkFailures] = "Network failures",
        [Why.TenantOnRedirects] = "Tenant on redirects",
        [Why.Compression] = "Compression",
        [Why.HttpVersion] = "HTTP version",
        [Why.HandlerOptions] = "Kiota's handler options",
    };

    private static readonly Func<IRequestAdapter, Task<Call?>> CreateCall = adapter => new TryVoxClientBase(adapter).Voice.Accounts["AC123456"].Calls.PostAsync(
        new CreateCallRequest { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer?x=<1>" });

    private static readonly Func<IRequestAdapter, Task<PhoneNumberList?>> ListNumbers = adapter => new TryVoxClientBase(adapter).Account["AC123456"].Numbers.GetAsync();

    /// <summary>What every request an adapter builds itself differs in: the User-Agent, and the encodings asked for.</summary>
    private static (string, Why)[] Request(int request) => [($"request {request} header user-agent", Why.UserAgent), ($"request {request} header accept-encoding", Why.Compression)];

    /// <summary>
    /// A retry or a redirect: Kiota's handlers copy the message, which then asks for HTTP/1.1; the client builds every
    /// message as it built the first.
    /// </summary>
    private static (string, Why)[] Resent(int request) => [.. Request(request), ($"request {request} version", Why.HttpVersion)];

    /// <summary>A JSON body written by each adapter's own writer: the same JSON, escaped differently, so of another length.</summary>
    private static (string, Why)[] Body(int request) => [($"request {request} body", Why.JsonEscaping), ($"request {request} header content-length", Why.JsonEscaping)];

    private static (string, Why)[] Outcome(Why why) => [("outcome", why)];

    private static (string, Why)[] Requests(Why why) => [("requests", why)];

    /// <summary>A scenario: what is sent, how the server answers the nth request, and how the two adapters differ.</summary>
    private sealed record Scenario(Func<IRequestAdapter, Task<object?>> Send, Func<int, Answer> Answer, (string Field, Why Why)[] Differences, (string TryVox, string Kiota)? Outcomes = null);

    private static Scenario Case<T>(Func<IRequestAdapter, Task<T>> send, Func<int, Answer> answer, IEnumerable<(string, Why)> differences, (string, string)? outcomes = null) =>
        new(async adapter => await send(adapter), answer, [.. differences], outcomes);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["a create-call answered 201 with a call"] = Case(CreateCall, _ => Answer.Json(201, CallJson), [.. Request(1), .. Body(1)]),
        ["a GET with path parameters, a query and headers answered 200"] = Case(
            adapter => adapter.SendAsync(Query(), CallList.CreateFromDiscriminatorValue, null), _ => Answer.Json(200, $$"""{"data":[{{CallJson}}]}"""), Request(1)),
        ["a 204 where a call was asked for"] = Case(adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => new Answer(204, null, ""), Request(1)),
        ["a 204 to an operation that returns nothing"] = Case(adapter => NoContent(adapter.SendNoContentAsync(Query())), _ => new Answer(204, null, ""), Request(1)),
        ["an empty 200 with a JSON type where a call was expected"] = Case(
            adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => Answer.Json(200, ""),
            [.. Request(1), .. Outcome(Why.UnreadableAnswers)], ("threw TryVoxInvalidResponseException", "returned null")),
        ["an empty 200 without a type where a call was expected"] = Case(
            adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => new Answer(200, null, ""),
            [.. Request(1), .. Outcome(Why.UnreadableAnswers)], ("threw TryVoxInvalidResponseException", "returned null")),
        ["an empty 200 where a value was asked for"] = Case(adapter => adapter.SendPrimitiveAsync<string>(Query()), _ => new Answer(200, null, ""), Request(1)),
        ["a 200 whose body is an HTML page"] = Case(
            adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => new Answer(200, "text/html", "<html>Maintenance</html>"),
            [.. Request(1), .. Outcome(Why.UnreadableAnswers)], ("threw TryVoxInvalidResponseException", "threw ApiException 200")),
        ["a JSON null where a call was asked for"] = Case(adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => Answer.Json(200, "null"), Request(1)),
        ["a call in a vendor JSON type"] = Case(
            adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => new Answer(200, "application/vnd.tryvox+json", CallJson), Request(1)),
        ["a number at the root"] = Case(adapter => adapter.SendPrimitiveAsync<int?>(Query()), _ => Answer.Json(200, "42"), Request(1)),
        ["a date-time at the root"] = Case(adapter => adapter.SendPrimitiveAsync<DateTimeOffset?>(Query()), _ => Answer.Json(200, "\"2026-01-01T12:00:00+05:30\""), Request(1)),
        ["a list of strings at the root"] = Case(adapter => adapter.SendPrimitiveCollectionAsync<string>(Query()), _ => Answer.Json(200, """["a","\u00e9",""]"""), Request(1)),
        ["a list of calls at the root"] = Case(adapter => adapter.SendCollectionAsync(Query(), Call.CreateFromDiscriminatorValue), _ => Answer.Json(200, $"[{CallJson},{{}}]"), Request(1)),
        ["a stream"] = Case(adapter => Text(adapter.SendPrimitiveAsync<Stream>(Query())), _ => new Answer(200, "application/octet-stream", "\u0001bytes"), Request(1)),
        ["a call whose body starts with a UTF-8 byte order mark"] = Case(
            adapter => adapter.SendAsync(Query(), Call.CreateFromDiscriminatorValue, null), _ => Answer.Json(200, "\uFEFF" + CallJson), Request(1)),
        ["the spec's error body on a 400"] = Case(
            ListNumbers, _ => Answer.Json(400, ErrorJson), [.. Request(1), .. Outcome(Why.TypedErrors)],
            ("threw TryVoxError 400 code=BUSY message=Try again later raw_body= operation=GET /account/{account_id}/numbers", "threw TryVoxError 400 code=BUSY message=Try again later raw_body= operation= ")),
        ["an HTML error page on a 400"] = Case(
            ListNumbers, _ => new Answer(400, "text/html", "<html>Bad request</html>"), [.. Request(1), .. Outcome(Why.TypedErrors)],
            ("threw TryVoxError 400 code=HTTP_400 message=The server answered 400 Bad Request without a TryVox error body; see RawBody. raw_body=<html>Bad request</html>", "threw ApiException 400")),
        ["a 404 with an empty body"] = Case(
            ListNumbers, _ => new Answer(404, null, ""), [.. Request(1), .. Outcome(Why.TypedErrors)],
            ("threw TryVoxError 404 code=HTTP_404 message=The server answered 404 Not Found with an empty body.", "threw ApiException 404")),
        ["an error mapped to a model that is not an exception"] = Case(
            adapter => adapter.SendPrimitiveAsync<string>(Query(), new() { ["4XX"] = Call.CreateFromDiscriminatorValue }), _ => Answer.Json(418, ErrorJson), Request(1)),
        ["an error status with no mapping"] = Case(adapter => adapter.SendPrimitiveAsync<string>(Query(), null), _ => Answer.Json(418, ErrorJson), Request(1)),
        ["a GET answered 503 with Retry-After: 0, then 200"] = Case(
            ListNumbers, n => n == 1 ? Answer.Json(503, ErrorJson, ("Retry-After", "0")) : Answer.Json(200, """{"data":[]}"""),
            // Kiota's retry is a copy of the request that asks for HTTP/1.1, as the client does.
            [.. Request(1), .. Resent(2), ("request 2 header retry-attempt", Why.Retries)]),
        ["a GET answered 500, then 200"] = Case(
            ListNumbers, n => n == 1 ? Answer.Json(500, ErrorJson) : Answer.Json(200, """{"data":[]}"""),
            [.. Request(1), .. Requests(Why.Retries), .. Outcome(Why.Retries)], ("returned PhoneNumberList", "threw TryVoxError 500")),
        ["a create-call answered 503 with Retry-After: 0"] = Case(
            CreateCall, _ => Answer.Json(503, ErrorJson, ("Retry-After", "0")), [.. Request(1), .. Body(1), .. Requests(Why.SendOnce), .. Outcome(Why.SendOnce)],
            ("threw TryVoxError 503 code=BUSY message=Try again later raw_body= operation=POST /voice/accounts/{auth_id}/calls attempts=1 outcome_unknown=True", "threw AggregateException Too many retries")),
        ["a create-call answered 429 with Retry-After: 0, then 201"] = Case(
            CreateCall, n => n == 1 ? Answer.Json(429, ErrorJson, ("Retry-After", "0")) : Answer.Json(201, CallJson),
            [.. Request(1), .. Body(1), .. Resent(2), .. Body(2), ("request 2 header retry-attempt", Why.Retries)]),
        ["a GET whose connection is refused"] = Case(
            ListNumbers, _ => Answer.Refused, [.. Request(1), .. Requests(Why.NetworkFailures), .. Outcome(Why.NetworkFailures)],
            ("threw TryVoxNetworkException", "threw HttpRequestException")),
        ["an account id of .."] = Case(
            adapter => new TryVoxClientBase(adapter).Voice.Accounts[".."].Calls.GetAsync(), _ => Answer.Json(200, """{"data":[]}"""),
            [.. Requests(Why.PathParameters), .. Outcome(Why.PathParameters)], ("threw ArgumentException The path parameter auth_id is \"..\".", "returned CallList")),
        ["a 302 to another host, with a tenant header"] = Case(
            adapter => new TryVoxClientBase(adapter).Account["AC123456"].Numbers.GetAsync(r => r.Headers.Add("X-Tenant-ID", "tenant_a")),
            n => n == 1 ? new Answer(302, null, "", ("Location", "https://elsewhere.example/v1/numbers")) : Answer.Json(200, """{"data":[]}"""),
            // Kiota's own redirect request asks for HTTP/1.1, as the client does.
            [.. Request(1), .. Resent(2), ("request 2 header x-tenant-id", Why.TenantOnRedirects)]),
        ["a 302 without a Location"] = Case(
            ListNumbers, _ => new Answer(302, null, ""), [.. Request(1), .. Outcome(Why.UnfollowedRedirects)],
            ("threw TryVoxError 302 code=HTTP_302 message=The server answered 302 Found after 0 redirect(s)", "threw InvalidOperationException")),
        ["a create-call redirected by a 307"] = Case(
            CreateCall, n => n == 1 ? new Answer(307, null, "", ("Location", "https://api.tryvox.io/v1/voice/accounts/AC123456/calls2")) : Answer.Json(201, CallJson),
            [.. Request(1), .. Body(1), .. Resent(2), .. Body(2)]),
        ["a create-call redirected by a 303"] = Case(
            CreateCall, n => n == 1 ? new Answer(303, null, "", ("Location", "https://api.tryvox.io/v1/voice/calls/call_1")) : Answer.Json(200, CallJson),
            [.. Request(1), .. Body(1), .. Resent(2)]),
        ["a raw URL on the API's origin"] = Case(
            adapter => new TryVoxClientBase(adapter).Account["AC123456"].Numbers.WithUrl("https://api.tryvox.io/v1/account/AC9/numbers?page=2").GetAsync(),
            _ => Answer.Json(200, """{"data":[]}"""), Request(1)),
        ["a list with Kiota's retry option"] = Case(
            adapter => adapter.SendAsync(WithOption(Query(), new RetryHandlerOption { MaxRetry = 0 }), Call.CreateFromDiscriminatorValue, null), _ => Answer.Json(200, CallJson),
            [.. Requests(Why.HandlerOptions), .. Outcome(Why.HandlerOptions)],
            ("threw NotSupportedException The TryVox client does not use Kiota's RetryHandlerOption, so it would be ignored: set TryVoxClientOptions.Retry, or add a TryVox.Client.RequestOptions.RetryOption to the request.",
             "returned Call")),
        ["a raw URL on another origin"] = Case(
            adapter => new TryVoxClientBase(adapter).Account["AC123456"].Numbers.WithUrl("https://elsewhere.example/v1/account/AC9/numbers").GetAsync(),
            _ => Answer.Json(200, """{"data":[]}"""), []),
        ["the native request of a create-call"] = Case(
            adapter => adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(new TryVoxClientBase(adapter).Voice.Accounts["AC123456"].Calls.ToPostRequestInformation(
                new CreateCallRequest { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer" })),
            _ => Answer.Json(200, "{}"), [.. Request(1), .. Body(1)]),
    };

    public static TheoryData<string> Names => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_adapters_differ_only_where_the_runbook_says(string scenario)
    {
        var (send, answer, expected, outcomes) = Scenarios[scenario];
        var (tryVox, kiota) = await BothAsync(send, answer);

        var differences = Differences(tryVox, kiota);
        var unexplained = differences.Keys.Except(expected.Select(e => e.Field)).ToList();
        var missing = expected.Where(e => !differences.ContainsKey(e.Field)).Select(e => $"{e.Field} ({Documented[e.Why]})").ToList();
        Assert.True(unexplained.Count == 0 && missing.Count == 0,
            $"The client's adapter and Kiota's differ other than {Runbook} says for {scenario}.\n" +
            $"  Differences it does not explain: {(unexplained.Count == 0 ? "none" : string.Join("; ", unexplained.Select(f => $"{f}: {differences[f]}")))}\n" +
            $"  Differences it lists that are gone: {(missing.Count == 0 ? "none" : string.Join("; ", missing))}\n" +
            $"TryVox:\n{tryVox}\nKiota:\n{kiota}");
        if (outcomes is var (ours, theirs))
        {
            Assert.StartsWith(ours, tryVox.Outcome, StringComparison.Ordinal);
            Assert.StartsWith(theirs, kiota.Outcome, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(400, "400")]
    [InlineData(404, "4XX")]
    [InlineData(499, "4XX")]
    [InlineData(501, "5XX")]
    [InlineData(599, "5XX")]
    [InlineData(600, "XXX")]
    public async Task An_error_status_picks_the_same_mapping_exact_then_range_then_XXX(int status, string mapping)
    {
        var (tryVox, kiota) = await BothAsync(adapter => adapter.SendPrimitiveAsync<string>(Query(), MappedError.For("400")), _ => Answer.Json(status, ErrorJson));

        Assert.Equal(Request(1).Select(d => d.Item1).Order(StringComparer.Ordinal), Differences(tryVox, kiota).Keys);
        Assert.Equal($"threw MappedError {status} mapping={mapping}", tryVox.Outcome);
    }

    [Fact]
    public void The_runbook_lists_exactly_these_differences()
    {
        var runbook = File.ReadAllText(Path.Combine(Repository.Root, Runbook));
        var section = runbook[runbook.IndexOf("## How the client differs from Kiota's adapter", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n## ", 3, StringComparison.Ordinal) is > 0 and var end ? end : section.Length)];
        var rows = TableRow().Matches(section).Select(m => m.Groups["name"].Value).Where(n => n != "Difference" && !n.StartsWith('-')).ToList();
        var known = KnownItem().Matches(section).Select(m => m.Groups["name"].Value).ToList();

        Assert.Equal(Documented.Where(d => !d.Key.ToString().StartsWith("Known", StringComparison.Ordinal)).Select(d => d.Value), rows);
        Assert.Equal(Documented.Where(d => d.Key.ToString().StartsWith("Known", StringComparison.Ordinal)).Select(d => d.Value), known);
    }

    [GeneratedRegex(@"^\| \*\*(?<name>[^*]+)\*\* \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^- \*\*(?<name>[^*]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex KnownItem();

    private static async Task<object?> NoContent(Task sent)
    {
        await sent;
        return "(nothing)";
    }

    private static async Task<object?> Text(Task<Stream?> stream)
    {
        using var content = await stream;
        return content is null ? null : await new StreamReader(content).ReadToEndAsync();
    }

    /// <summary>A GET with both kinds of path parameter expansion and every kind of query value, and headers of the caller's.</summary>
    private static RequestInformation WithOption(RequestInformation request, IRequestOption option)
    {
        request.AddRequestOptions([option]);
        return request;
    }

    private static RequestInformation Query()
    {
        var request = new RequestInformation { HttpMethod = Method.GET, UrlTemplate = "{+baseurl}/voice/accounts/{auth_id}/calls{?created_after*,limit*,page%2Dsize*,status*}" };
        request.PathParameters["auth_id"] = "AC 1/2";
        request.QueryParameters["limit"] = 10;
        request.QueryParameters["page%2Dsize"] = 5;
        request.QueryParameters["status"] = new[] { "queued", "in-progress" };
        request.QueryParameters["created_after"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        request.Headers.TryAdd("Accept", "application/json");
        request.Headers.Add("X-Tenant-ID", "tenant_a");
        request.Headers.Add("X-Trace", ["1", "2"]);
        return request;
    }

    /// <summary>Field by field (the number of requests, each request's URL, version, headers and body, the outcome): where the two differ.</summary>
    private static SortedDictionary<string, string> Differences(Observation tryVox, Observation kiota)
    {
        var differences = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Compare(string field, string? ours, string? theirs)
        {
            if (ours != theirs)
            {
                differences[field] = $"TryVox `{ours ?? "(none)"}`, Kiota `{theirs ?? "(none)"}`";
            }
        }

        Compare("requests", tryVox.Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), kiota.Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < Math.Min(tryVox.Requests.Count, kiota.Requests.Count); i++)
        {
            var (ours, theirs) = (tryVox.Requests[i], kiota.Requests[i]);
            Compare($"request {i + 1} url", ours.Url, theirs.Url);
            Compare($"request {i + 1} version", ours.Version, theirs.Version);
            Compare($"request {i + 1} body", ours.Body, theirs.Body);
            foreach (var name in ours.Headers.Keys.Union(theirs.Headers.Keys))
            {
                Compare($"request {i + 1} header {name}", ours.Headers.GetValueOrDefault(name), theirs.Headers.GetValueOrDefault(name));
            }
        }

        Compare("outcome", tryVox.Outcome, kiota.Outcome);
        return differences;
    }

    /// <summary>Runs <paramref name="send"/> once through each adapter, each over its own in-memory server answering with <paramref name="answer"/>.</summary>
    private static async Task<(Observation TryVox, Observation Kiota)> BothAsync<T>(Func<IRequestAdapter, Task<T>> send, Func<int, Answer> answer)
    {
        Func<IRequestAdapter, Task<object?>> operation = async adapter => await send(adapter);
        var server = new Server(answer);
        Observation tryVox;
        using (var pipeline = new Http.ClientSettings(new TryVoxClientOptions
        {
            ApiKey = TestKeys.Sandbox,
            PrimaryHandler = server,
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1) },
        }))
        {
            tryVox = await Observation.OfAsync(server, () => operation(new TryVoxRequestAdapter(pipeline, null)));
        }

        // Kiota's adapter as a Kiota client builds it: Kiota's default handlers, JSON for both directions.
        var kiotaServer = new Server(answer);
        using var http = KiotaClientFactory.Create(kiotaServer);
        var parseNodes = new ParseNodeFactoryRegistry();
        parseNodes.ContentTypeAssociatedFactories["application/json"] = new JsonParseNodeFactory();
        var writers = new SerializationWriterFactoryRegistry();
        writers.ContentTypeAssociatedFactories["application/json"] = new JsonSerializationWriterFactory();
        var kiota = new HttpClientRequestAdapter(new TryVoxAuthenticationProvider(TryVoxApiKey.Parse(TestKeys.Sandbox), new Uri(BaseUrl)), parseNodes, writers, http)
        {
            BaseUrl = BaseUrl,
        };
        return (tryVox, await Observation.OfAsync(kiotaServer, () => operation(kiota)));
    }

    /// <summary>A request as the server received it.</summary>
    private sealed record Sent(string Url, string Version, string? Body, SortedDictionary<string, string> Headers)
    {
        public static async Task<Sent> OfAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
        {
            var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
            string? body = null;
            foreach (var (name, values) in request.Headers)
            {
                // As a transport writes them: User-Agent's products separated by spaces, other values by commas.
                headers[name.ToLowerInvariant()] = string.Join(name == "User-Agent" ? " " : ", ", values);
            }

            if (request.Content is { } content)
            {
                body = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync(cancellationToken));
                foreach (var (name, values) in content.Headers)
                {
                    headers[name.ToLowerInvariant()] = string.Join(", ", values);
                }

                // What the transport would send: the length, when the content knows it.
                if (content.Headers.ContentLength is { } length)
                {
                    headers["content-length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return new Sent($"{request.Method} {request.RequestUri!.AbsoluteUri}", $"HTTP/{request.Version} {request.VersionPolicy}", body, headers);
        }

        public override string ToString() =>
            $"  {Url} {Version}\n{string.Concat(Headers.Select(h => $"    {h.Key}: {h.Value}\n"))}{(Body is null ? "" : $"    body: {Body}\n")}";
    }

    /// <summary>What one adapter did: each request as the server saw it, and what the caller got.</summary>
    private sealed record Observation(IReadOnlyList<Sent> Requests, string Outcome)
    {
        public static async Task<Observation> OfAsync(Server server, Func<Task<object?>> operation)
        {
            string outcome;
            try
            {
                var result = await operation();
                if (result is HttpRequestMessage native)
                {
                    // A native request is compared as if it had been sent.
                    server.Requests.Add(await Sent.OfAsync(native));
                    native.Dispose();
                    result = "(a native request)";
                }

                outcome = "returned " + Describe(result);
            }
            catch (Exception e)
            {
                outcome = "threw " + Describe(e);
            }

            return new Observation(server.Requests, outcome);
        }

        public override string ToString() => string.Concat(Requests) + "  => " + Outcome;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        TryVoxError e => $"TryVoxError {e.ResponseStatusCode} code={e.Code} message={e.Message} raw_body={e.RawBody} operation={e.Operation} " +
            $"attempts={e.Attempts} outcome_unknown={e.OutcomeUnknown} retry_after={e.RetryAfter} headers={Headers(e)}",
        MappedError e => $"MappedError {e.ResponseStatusCode} mapping={e.Mapping}",
        TryVoxException e => $"{e.GetType().Name} {e.Message} operation={e.Operation} attempts={e.Attempts} outcome_unknown={e.OutcomeUnknown}",
        ApiException e => $"ApiException {e.ResponseStatusCode} {e.Message} headers={Headers(e)}",
        Exception e => $"{e.GetType().Name} {e.Message}",
        IParsable model => model.GetType().Name + " " + Written(w => w.WriteObjectValue(null, model)),
        string text => "\"" + text + "\"",
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable values => "[" + string.Join(",", values.Cast<object?>().Select(Describe)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Headers(ApiException e) =>
        string.Join(";", e.ResponseHeaders.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => $"{h.Key.ToLowerInvariant()}={string.Join(",", h.Value)}"));

    private static string Written(Action<JsonSerializationWriter> write)
    {
        using var writer = new JsonSerializationWriter();
        write(writer);
        using var content = writer.GetSerializedContent();
        using var reader = new StreamReader(content, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>An answer as a server sends it, its length and type in the headers; or, <see cref="Refused"/>, no answer at all.</summary>
    private sealed record Answer(int Status, string? ContentType, string Body, params (string Name, string Value)[] Headers)
    {
        /// <summary>The connection is refused: the request never reached a server.</summary>
        public static readonly Answer Refused = new(0, null, "");

        public static Answer Json(int status, string body, params (string, string)[] headers) => new(status, "application/json", body, headers);

        public HttpResponseMessage ToResponse(HttpRequestMessage request)
        {
            if (this == Refused)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.tryvox.io:443)");
            }

            var bytes = Encoding.UTF8.GetBytes(Body);
            var content = new StreamContent(new OneWayStream(bytes));
            content.Headers.ContentLength = bytes.Length;
            if (ContentType is not null)
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
            }

            var response = new HttpResponseMessage((HttpStatusCode)Status) { Content = content, RequestMessage = request };
            foreach (var (name, value) in Headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }
    }

    /// <summary>Records every request and answers the nth with <paramref name="answer"/>(n).</summary>
    private sealed class Server(Func<int, Answer> answer) : HttpMessageHandler
    {
        public List<Sent> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await Sent.OfAsync(request, cancellationToken));
            return answer(Requests.Count).ToResponse(request);
        }
    }
}
