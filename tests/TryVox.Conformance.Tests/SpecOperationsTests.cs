using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions;
using TryVox.Client.Testing;

namespace TryVox.Conformance.Tests;

/// <summary>The sandbox and the client cover the spec's operations: no more, no fewer, at the same paths.</summary>
public sealed class SpecOperationsTests
{
    [Fact]
    public async Task The_sandbox_serves_exactly_the_spec_operations_under_the_servers_base_path()
    {
        await using var sandbox = await TryVoxTestServer.StartAsync();
        var endpoints = sandbox.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var basePath = SpecDocument.BasePath.TrimStart('/') + "/";

        Assert.All(endpoints, endpoint => Assert.StartsWith(basePath, endpoint.RoutePattern.RawText, StringComparison.Ordinal));
        SpecDocument.AssertSameOperations("the sandbox", endpoints.SelectMany(endpoint =>
            endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText![basePath.Length..]}")));
    }

    [Fact]
    public void The_client_calls_exactly_the_spec_operations()
    {
        var client = Operations.Client(new Uri("http://127.0.0.1:9/v1"), "tvx_sk_test_unused");
        RequestInformation[] requests =
        [
            client.Voice.Accounts["AC1"].Calls.ToGetRequestInformation(),
            client.Voice.Accounts["AC1"].Calls.ToPostRequestInformation(Operations.ReferenceCall()),
            client.Account["AC1"].Numbers.ToGetRequestInformation(),
        ];

        SpecDocument.AssertSameOperations("the client", requests.Select(request =>
            $"{request.HttpMethod.ToString().ToUpperInvariant()} {request.UrlTemplate!.Replace("{+baseurl}", "", StringComparison.Ordinal)}"));
    }
}
