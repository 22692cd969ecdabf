using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TryVox.Client.RequestOptions;
using TryVox.Client.Models;
using TryVox.Client.Testing;

namespace TryVox.Conformance.Tests;

/// <summary>The Kiota client against the sandbox over loopback: every operation and every documented error.</summary>
public sealed class SandboxTests : IAsyncLifetime
{
    /// <summary>The reference's 401 body, word for word.</summary>
    private const string ReferenceUnauthorized = """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}""";

    private const string ValidBody = """{"from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer"}""";

    private TryVoxTestServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await TryVoxTestServer.StartAsync(new TryVoxTestServerOptions { Mode = TryVoxTestServerMode.Loopback });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public static TheoryData<string, string?> OperationsAndBadAuthorizations()
    {
        string?[] authorizations =
        [
            null, "Bearer", "Bearer tvx_sk_test_", "Bearer tvx_sk_test_unknown", "Bearer tvx_sk_live_unknown",
            "Bearer sk_test_sandbox", "Basic dHZ4X3NrX3Rlc3RfbG9jYWxzYW5kYm94MDAwMTo=", "tvx_sk_test_localsandbox0001",
        ];
        var data = new TheoryData<string, string?>();
        foreach (var operation in new[] { "GET calls", "POST calls", "GET numbers" })
        {
            foreach (var authorization in authorizations)
            {
                data.Add(operation, authorization);
            }
        }

        return data;
    }

    [Fact]
    public async Task Every_operation_works_and_a_created_call_is_listed()
    {
        var client = Client();

        var (created, calls) = await Operations.RunAllAsync(client, _sandbox.AccountId);

        Assert.Equal(("+919876543210", "+14155551234", "https://your-app.com/answer", "queued"), (created.From, created.To, created.AnswerUrl, created.Status));
        Assert.Equal(created.Id, Assert.Single(calls.Data!).Id);
        var numbers = await client.Account[_sandbox.AccountId].Numbers.GetAsync();
        Assert.Contains(numbers!.Data!, n => (n.E164, n.Country, n.Status) == ("+919876543210", "IN", "active"));
    }

    [Theory]
    [MemberData(nameof(OperationsAndBadAuthorizations))]
    public async Task A_missing_malformed_or_unknown_key_gets_the_reference_401_body(string operation, string? authorization)
    {
        using var request = Request(operation);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReferenceUnauthorized, await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_client_surfaces_the_401_with_the_reference_message()
    {
        var error = await Operations.FailsWith(401, "UNAUTHORIZED",
            () => Client("tvx_sk_test_not_a_sandbox_key").Account[_sandbox.AccountId].Numbers.GetAsync());

        Assert.Equal("Invalid or missing API key", error.Message);
    }

    [Fact]
    public async Task Another_accounts_path_is_403_for_every_operation()
    {
        var other = Client().Voice.Accounts["AC999999"].Calls;

        await Operations.FailsWith(403, "FORBIDDEN", () => other.GetAsync());
        await Operations.FailsWith(403, "FORBIDDEN", () => other.PostAsync(Operations.ReferenceCall()));
        await Operations.FailsWith(403, "FORBIDDEN", () => Client().Account["AC999999"].Numbers.GetAsync());
    }

    [Fact]
    public async Task A_key_reaches_its_own_account_only()
    {
        var otherKey = _sandbox.AddAccount("AC777777");
        await Client().Voice.Accounts[_sandbox.AccountId].Calls.PostAsync(Operations.ReferenceCall());

        await Operations.FailsWith(403, "FORBIDDEN", () => Client(otherKey).Voice.Accounts[_sandbox.AccountId].Calls.GetAsync());
        await Operations.FailsWith(403, "FORBIDDEN", () => Client().Account["AC777777"].Numbers.GetAsync());
        Assert.Empty((await Client(otherKey).Voice.Accounts["AC777777"].Calls.GetAsync())!.Data!);
        Assert.Empty((await Client(otherKey).Account["AC777777"].Numbers.GetAsync())!.Data!);
    }

    [Theory]
    [InlineData("919876543210", "+14155551234", "https://your-app.com/answer", "from")]
    [InlineData("+919876543210", "+1 415 555 1234", "https://your-app.com/answer", "to")]
    [InlineData("+919876543210", "+14155551234", "/answer", "answer_url")]
    [InlineData("+919876543210", "+14155551234", "your-app.com/answer", "answer_url")]
    [InlineData(null, "+14155551234", "https://your-app.com/answer", "from")]
    [InlineData("+919876543210", null, "https://your-app.com/answer", "to")]
    [InlineData("+919876543210", "+14155551234", null, "answer_url")]
    [InlineData("+14155550199", "+14155551234", "https://your-app.com/answer", "from must be one of the account's numbers")]
    public async Task An_invalid_call_is_400_naming_the_field_and_places_nothing(string? from, string? to, string? answerUrl, string named)
    {
        var calls = Client().Voice.Accounts[_sandbox.AccountId].Calls;

        var error = await Operations.FailsWith(400, "VALIDATION_ERROR",
            () => calls.PostAsync(new CreateCallRequest { From = from, To = to, AnswerUrl = answerUrl }),
            $"the sandbox accepted from={from ?? "(none)"}, to={to ?? "(none)"}, answer_url={answerUrl ?? "(none)"}; " +
            $"does spec/tryvox.yaml still require and constrain {named} in CreateCallRequest?");

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Empty((await calls.GetAsync())!.Data!);
    }

    [Theory]
    [InlineData("", "A JSON request body is required")]
    [InlineData("{", "$")]
    [InlineData("[]", "$")]
    [InlineData("""{"from":1,"to":"+14155551234","answer_url":"https://a.io/"}""", "$.from")]
    public async Task A_malformed_body_is_400_in_the_spec_error_shape_not_problem_details(string body, string named)
    {
        using var request = Request("POST calls", body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.ApiKey);

        using var response = await Http.SendAsync(request);

        await AssertValidationError(response, named);
    }

    public static TheoryData<string> TenantsOutsideThePattern() => ["tenant with spaces", "", "tenant\u007f", new string('t', 129)];

    [Theory]
    [MemberData(nameof(TenantsOutsideThePattern))]
    public async Task A_tenant_header_outside_the_spec_pattern_is_400(string tenant)
    {
        using var request = Request("GET calls");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.ApiKey);
        request.Headers.TryAddWithoutValidation(TenantHeader.Name, tenant);

        using var response = await Http.SendAsync(request);

        await AssertValidationError(response, TenantHeader.Name);
    }

    [Fact]
    public async Task Calls_are_isolated_per_tenant()
    {
        var calls = Client(tenantId: "tenant_a").Voice.Accounts[_sandbox.AccountId].Calls;
        var inA = await calls.PostAsync(Operations.ReferenceCall());
        var untenanted = await Client().Voice.Accounts[_sandbox.AccountId].Calls.PostAsync(Operations.ReferenceCall());

        Assert.Equal([inA!.Id], (await calls.GetAsync())!.Data!.Select(c => c.Id));
        Assert.Empty((await calls.GetAsync(r => r.Options.Add(new TenantOption("tenant_b"))))!.Data!);
        Assert.Equal([untenanted!.Id], (await calls.GetAsync(r => r.Options.Add(new TenantOption(null))))!.Data!.Select(c => c.Id));
        Assert.NotEmpty((await Client(tenantId: "tenant_b").Account[_sandbox.AccountId].Numbers.GetAsync())!.Data!);
    }

    [Fact]
    public async Task Concurrent_calls_are_all_listed_once()
    {
        var calls = Client(tenantId: "load").Voice.Accounts[_sandbox.AccountId].Calls;

        var created = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => calls.PostAsync(Operations.ReferenceCall())));

        Assert.Equal(created.Select(c => c!.Id).Order(), (await calls.GetAsync())!.Data!.Select(c => c.Id).Order());
    }

    [Theory]
    [InlineData("GET", "/v1/voice/accounts/AC123456/callz", 404, "NOT_FOUND", "/v1/voice/accounts/AC123456/callz")]
    [InlineData("GET", "/voice/accounts/AC123456/calls", 404, "NOT_FOUND", "/voice/accounts/AC123456/calls")]
    [InlineData("DELETE", "/v1/voice/accounts/AC123456/calls", 405, "METHOD_NOT_ALLOWED", "DELETE")]
    public async Task Anything_outside_the_spec_is_a_4XX_in_the_spec_error_shape(string method, string path, int status, string code, string named)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_sandbox.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.ApiKey);

        using var response = await Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private TryVox.Client.TryVoxClient Client(string? apiKey = null, string? tenantId = null) =>
        Operations.Client(_sandbox.BaseUrl, apiKey ?? _sandbox.ApiKey, tenantId);

    private HttpRequestMessage Request(string operation, string body = ValidBody) => operation switch
    {
        "GET calls" => new(HttpMethod.Get, $"{_sandbox.BaseUrl}/voice/accounts/{_sandbox.AccountId}/calls"),
        "POST calls" => new(HttpMethod.Post, $"{_sandbox.BaseUrl}/voice/accounts/{_sandbox.AccountId}/calls")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        },
        "GET numbers" => new(HttpMethod.Get, $"{_sandbox.BaseUrl}/account/{_sandbox.AccountId}/numbers"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static async Task AssertValidationError(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("VALIDATION_ERROR", root.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(named, root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
