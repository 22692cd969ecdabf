using System.Net.Http.Headers;
using System.Reflection;
using System.Text;

namespace TryVox.Client.Testing.Tests.Growth;

/// <summary>
/// The spec grows as an API's next version would (<c>spec-growth.yaml</c>) and the test kit is built against it
/// with no hand-written change: it builds, NSwag's new types stay internal, every new operation is served on
/// 127.0.0.1 from the spec with the usual checks, faults and records name them by operationId, and the
/// hand-written behaviours keep working.
/// </summary>
public sealed class SpecGrowthTests(GrownTestKit kit) : IClassFixture<GrownTestKit>
{
    private const string Calls = "voice/accounts/AC123456/calls";

    [Fact]
    public void The_test_kit_builds_against_the_grown_spec_without_a_warning()
    {
        Assert.True(kit.Build.ExitCode == 0, kit.Build.Output);
        Assert.Contains(" 0 Warning(s)", kit.Build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("operationId: listRecordings", kit.Spec, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grown_test_kit_has_the_same_public_api_and_its_new_generated_types_are_internal()
    {
        var grown = Grown();

        Assert.Equal(PublicApiTests.PublicTypes(typeof(TryVoxTestServer).Assembly), PublicApiTests.PublicTypes(grown));
        foreach (var name in new[] { "RecordingsControllerBase", "SystemControllerBase", "Recording", "Storage", "RecordingStatus", "Order", "FileResponse" })
        {
            Assert.False(grown.GetType($"{PublicApiTests.GeneratedNamespace}.{name}", throwOnError: true)!.IsVisible, name);
        }

        Assert.True(grown.GetType($"{PublicApiTests.GeneratedNamespace}.RecordingStatus")!.IsEnum);
    }

    [Fact]
    public async Task A_new_operation_answers_its_success_example_and_one_without_an_example_a_body_made_from_its_schema()
    {
        await using var server = await GrownServer.StartAsync(Grown());

        var getCall = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1");
        var started = await server.SendAsync(HttpMethod.Post, $"{Calls}/call_1/recordings", """{"channels":2}""");
        var startedWithoutBody = await server.SendAsync(HttpMethod.Post, $"{Calls}/call_1/recordings", "");
        var updated = await server.SendAsync(HttpMethod.Patch, $"{Calls}/call_1", """{"status":"canceled"}""");
        var labels = await server.SendAsync(HttpMethod.Put, $"{Calls}/call_1/recordings/rec_01", """["vip"]""");
        var deleted = await server.SendAsync(HttpMethod.Delete, $"{Calls}/call_1");
        var recordings = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1/recordings?limit=5&status=in-progress&status=completed&order=oldest");

        Answered(200, """{"id":"call_7f3c2a","from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer","status":"queued","created_at":"2026-01-01T12:00:00Z"}""", getCall);
        Answered(202, """{"id":"rec_01","status":"in-progress","duration_ms":0,"channels":2,"created_at":"2026-01-01T12:00:00Z","ended_at":null,"storage":{"region":"eu-west","url":"https://files.example/rec_01"}}""", started);
        Assert.Equal(started, startedWithoutBody);
        Answered(200, """{"id":"call_7f3c2a","status":"canceled"}""", updated);
        Answered(200, """["support","escalated"]""", labels);
        Answered(204, "", deleted);
        Answered(200, """{"data":[{"id":"rec_01","status":"in-progress","duration_ms":0,"channels":0,"created_at":"2026-01-01T12:00:00Z","ended_at":"2026-01-01T12:00:00Z","storage":{"region":"string","url":"https://example.com/"}}],"next_cursor":"string"}""", recordings);
        Assert.Empty(server.PlacedCalls);
    }

    [Fact]
    public async Task A_new_operation_whose_success_is_not_json_is_501_naming_it_and_how_to_give_it_behaviour()
    {
        await using var server = await GrownServer.StartAsync(Grown());

        var audio = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1/recordings/rec_01/audio");

        Answered(501, """{"error":{"code":"NOT_IMPLEMENTED","message":"downloadRecording (GET /voice/accounts/{auth_id}/calls/{call_id}/recordings/{recording_id}/audio) has no behaviour in TryVoxTestServer, and the spec gives it no answer to make: its success response is audio/mpeg, not JSON. Give it behaviour by overriding RecordingsControllerBase.DownloadRecording in a hand-written controller (src/TryVox.Client.Testing/Server/, as CallsController does), or give it a JSON success response in spec/tryvox.yaml."}}""", audio);
    }

    [Fact]
    public async Task A_new_operation_is_checked_like_the_others_before_it_answers()
    {
        await using var server = await GrownServer.StartAsync(Grown());

        var otherAccount = await server.SendAsync(HttpMethod.Get, "voice/accounts/AC999999/calls/call_1");
        var noKey = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1", apiKey: null);
        var badTenant = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1", tenant: "two words");
        var badEnum = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1/recordings?status=completed&status=paused");
        var badInteger = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1/recordings?limit=many");
        var badBody = await server.SendAsync(HttpMethod.Patch, $"{Calls}/call_1", """{"status":"ringing"}""");
        var noBody = await server.SendAsync(HttpMethod.Patch, $"{Calls}/call_1", "");
        var outOfRange = await server.SendAsync(HttpMethod.Post, $"{Calls}/call_1/recordings", """{"channels":3}""");

        Answered(403, """{"error":{"code":"FORBIDDEN","message":"The API key does not grant access to account AC999999"}}""", otherAccount);
        Answered(401, """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}""", noKey);
        Answered(400, """{"error":{"code":"VALIDATION_ERROR","message":"X-Tenant-ID must be 1 to 128 printable ASCII characters without spaces, such as tenant_xyz"}}""", badTenant);
        Answered(400, """{"error":{"code":"VALIDATION_ERROR","message":"status must be one of in-progress, completed, failed; paused is not"}}""", badEnum);
        Answered(400, """{"error":{"code":"VALIDATION_ERROR","message":"limit: The value 'many' is not valid."}}""", badInteger);
        Assert.Equal((400, "VALIDATION_ERROR"), (badBody.Status, Code(badBody.Body)));
        Assert.Contains("status", badBody.Body, StringComparison.Ordinal);
        Answered(400, """{"error":{"code":"VALIDATION_ERROR","message":"A JSON request body is required"}}""", noBody);
        Assert.Equal((400, "VALIDATION_ERROR"), (outOfRange.Status, Code(outOfRange.Body)));
        Assert.Contains("channels", outOfRange.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_operation_outside_any_account_needs_a_valid_key_only()
    {
        await using var server = await GrownServer.StartAsync(Grown());
        var otherKey = server.AddAccount("AC777777");

        var withTheKey = await server.SendAsync(HttpMethod.Get, "status");
        var withAnotherAccountsKey = await server.SendAsync(HttpMethod.Get, "status", apiKey: otherKey);
        var withoutAKey = await server.SendAsync(HttpMethod.Get, "status", apiKey: null);

        Answered(200, """{"status":"ok","version":"1.1.0"}""", withTheKey);
        Assert.Equal(withTheKey, withAnotherAccountsKey);
        Assert.Equal(401, withoutAKey.Status);
    }

    [Fact]
    public async Task Faults_and_records_name_new_operations_by_operationId_and_an_injected_new_status_has_the_specs_code()
    {
        await using var server = await GrownServer.StartAsync(Grown());
        server.FaultOn("startRecording", 409);
        server.FaultOn("getCall", 503);

        var conflict = await server.SendAsync(HttpMethod.Post, $"{Calls}/call_1/recordings", "{}");
        var unavailable = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1");
        var again = await server.SendAsync(HttpMethod.Get, $"{Calls}/call_1");
        var unknown = Assert.Throws<ArgumentException>(() => server.FaultOn("placeRecording", 500));

        Answered(409, """{"error":{"code":"CONFLICT","message":"409 Conflict (a fault injected by TryVoxTestServer)"}}""", conflict);
        Assert.Equal((503, "INTERNAL_ERROR"), (unavailable.Status, Code(unavailable.Body)));
        Assert.Equal(200, again.Status);
        Assert.Equal([("startRecording", 409), ("getCall", 503), ("getCall", 200)], server.Requests);
        Assert.Contains("createCall, deleteCall, downloadRecording, getCall, getStatus, listCalls, listNumbers, listRecordings, replaceRecordingLabels, startRecording, updateCall",
            unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hand_written_operations_keep_their_behaviour()
    {
        await using var server = await GrownServer.StartAsync(Grown());

        var created = await server.SendAsync(HttpMethod.Post, Calls, """{"from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer"}""");
        var listed = await server.SendAsync(HttpMethod.Get, Calls);
        var numbers = await server.SendAsync(HttpMethod.Get, "account/AC123456/numbers");

        var id = Assert.Single(server.PlacedCalls);
        Assert.Equal(201, created.Status);
        Assert.StartsWith($$"""{"id":"{{id}}","from":"+919876543210",""", created.Body, StringComparison.Ordinal);
        Assert.StartsWith($$"""{"data":[{"id":"{{id}}",""", listed.Body, StringComparison.Ordinal);
        Assert.Equal("""{"data":[{"e164":"+919876543210","country":"IN","status":"active"},{"e164":"+14155550100","country":"US","status":"active"}]}""", numbers.Body);
    }

    /// <summary>Compares the body first, whole: a differing body says more than a differing status.</summary>
    private static void Answered(int status, string body, (int Status, string Body) answer)
    {
        Assert.True(body == answer.Body, $"Expected {body}\nActual   {answer.Body}");
        Assert.Equal(status, answer.Status);
    }

    private static string? Code(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString();

    private Assembly Grown() => kit.Assembly ?? throw new InvalidOperationException("The grown test kit did not build:\n" + kit.Build.Output);

    /// <summary>The grown test kit's server on 127.0.0.1, driven through its public API (its types are the grown assembly's own).</summary>
    private sealed class GrownServer : IAsyncDisposable
    {
        private readonly dynamic _server;
        private readonly Assembly _kit;
        private readonly HttpClient _http;

        private GrownServer(Assembly kit, dynamic server)
        {
            _kit = kit;
            _server = server;
            _http = new HttpClient { BaseAddress = new Uri(((Uri)server.BaseUrl).AbsoluteUri + "/") };
        }

        public IEnumerable<string> PlacedCalls => ((IEnumerable<dynamic>)_server.PlacedCalls).Select(call => (string)call.Id);

        public IEnumerable<(string?, int?)> Requests => ((IEnumerable<dynamic>)_server.Requests).Select(r => ((string?)r.Operation, (int?)r.StatusCode)).ToList();

        public static async Task<GrownServer> StartAsync(Assembly kit)
        {
            dynamic options = Activator.CreateInstance(kit.GetType("TryVox.Client.Testing.TryVoxTestServerOptions")!)!;
            options.Mode = (dynamic)Enum.Parse(kit.GetType("TryVox.Client.Testing.TryVoxTestServerMode")!, "Loopback");
            var start = kit.GetType("TryVox.Client.Testing.TryVoxTestServer")!.GetMethod("StartAsync")!;
            return new GrownServer(kit, await (dynamic)start.Invoke(null, [options, CancellationToken.None])!);
        }

        public string AddAccount(string accountId) => _server.AddAccount(accountId, Array.Empty<Models.PhoneNumber>());

        /// <summary>The next request of <paramref name="operation"/> is answered <paramref name="status"/>.</summary>
        public void FaultOn(string operation, int status) =>
            _server.Faults.On(operation, (dynamic)_kit.GetType("TryVox.Client.Testing.TryVoxFault")!.GetMethod("Status")!.Invoke(null, [status, null])!, 1);

        public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null, string? apiKey = "", string? tenant = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Length == 0 ? (string)_server.ApiKey : apiKey);
            }

            if (tenant is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Tenant-ID", tenant);
            }

            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _server.DisposeAsync();
        }
    }
}
