using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TryVox.Conformance.Tests;

/// <summary>One <c>prism mock</c> for the test class.</summary>
public sealed class PrismMockFixture : IAsyncLifetime
{
    internal PrismProcess Prism { get; private set; } = null!;

    public async Task InitializeAsync() => Prism = await PrismProcess.MockAsync();

    public async Task DisposeAsync() => await Prism.DisposeAsync();
}

/// <summary>
/// The Kiota client against Prism's mock of the spec: every request the client sends must satisfy
/// the spec (any <c>sl-violations</c> fails), and requests that break it must be rejected.
/// </summary>
public sealed class PrismMockTests(PrismMockFixture mock) : IClassFixture<PrismMockFixture>
{
    private const string Key = "tvx_sk_test_prism";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Every_operation_the_client_sends_satisfies_the_spec()
    {
        var client = Operations.Client(mock.Prism.Url, Key, tenantId: "tenant_xyz", failOnSpecViolations: true);

        var (created, calls) = await Operations.RunAllAsync(client, "AC123456");

        Assert.Equal("+919876543210", created.From);
        Assert.NotEmpty(calls.Data!);
    }

    [Theory]
    [InlineData(400, "VALIDATION_ERROR")]
    [InlineData(401, "UNAUTHORIZED")]
    [InlineData(403, "FORBIDDEN")]
    [InlineData(404, "NOT_FOUND")]
    public async Task The_client_reads_every_documented_error_example(int status, string code)
    {
        var client = Operations.Client(mock.Prism.Url, Key, failOnSpecViolations: true);

        await Operations.FailsWith(status, code, () => client.Account["AC123456"].Numbers.GetAsync(r => r.Headers.Add("Prefer", $"code={status}")));
        await Operations.FailsWith(status, code, () => client.Voice.Accounts["AC123456"].Calls.PostAsync(
            Operations.ReferenceCall(), r => r.Headers.Add("Prefer", $"code={status}")));
    }

    [Theory]
    [InlineData(429, "RATE_LIMITED")]
    [InlineData(500, "INTERNAL_ERROR")]
    [InlineData(503, "INTERNAL_ERROR")]
    public async Task Retryable_error_examples_have_the_spec_error_shape(int status, string code)
    {
        // Raw HTTP: the client's retries would only repeat the same example.
        using var response = await Send(HttpMethod.Get, "/account/AC123456/numbers", Key, prefer: status);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(response.Headers.Contains(SpecViolationCheck.Header));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"from":"919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer"}""", "from must match pattern")]
    [InlineData("""{"from":"+919876543210","answer_url":"https://your-app.com/answer"}""", "required property 'to'")]
    [InlineData("""{"from":"+919876543210","to":"+14155551234"}""", "required property 'answer_url'")]
    public async Task A_request_body_that_breaks_the_spec_is_rejected_with_422(string body, string violation)
    {
        using var response = await Send(HttpMethod.Post, "/voice/accounts/AC123456/calls", Key, body);

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity,
            $"Prism answered {(int)response.StatusCode} to {body}: spec/tryvox.yaml no longer rejects it ({violation}).");
        Assert.Contains(violation, Violations(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_key_is_rejected_with_401()
    {
        using var response = await Send(HttpMethod.Get, "/account/AC123456/numbers", apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("security", Violations(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_header_that_breaks_the_spec_is_rejected_with_422()
    {
        using var response = await Send(HttpMethod.Get, "/account/AC123456/numbers", Key, tenant: "tenant with spaces");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("x-tenant-id", Violations(response), StringComparison.OrdinalIgnoreCase);
    }

    private static string Violations(HttpResponseMessage response) =>
        response.Headers.TryGetValues(SpecViolationCheck.Header, out var values) ? string.Join(' ', values) : "(no sl-violations header)";

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? apiKey, string? body = null, int? prefer = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(mock.Prism.Url, path));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (prefer is not null)
        {
            request.Headers.Add("Prefer", $"code={prefer}");
        }

        if (tenant is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Tenant-ID", tenant);
        }

        return await Http.SendAsync(request);
    }
}
