using Xunit.Sdk;

namespace TryVox.Conformance.Tests;

/// <summary>
/// The innermost handler of clients that talk to Prism: any <c>sl-violations</c> header (Prism's
/// report that a request or response breaks the spec) fails the test, whatever the status.
/// </summary>
internal sealed class SpecViolationCheck() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    public const string Header = "sl-violations";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(Header, out var violations))
        {
            throw new XunitException(
                $"Prism: {request.Method} {request.RequestUri} → {(int)response.StatusCode} breaks spec/tryvox.yaml: {string.Join(' ', violations)}");
        }

        return response;
    }
}
