using System.Globalization;
using TryVox.Client.Diagnostics;

namespace TryVox.Client.Testing.Transport;

/// <summary>
/// Tells the server which attempt of the client's operation a request is: the client publishes the number
/// (<see cref="TryVoxHttpRequestOptions.AttemptOf"/>), and this handler, the last before the wire, carries it in
/// a test-only header that the server records (<see cref="RecordedRequest.Attempt"/>) and never requires.
/// </summary>
internal sealed class AttemptHeaderHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Header = "X-TryVox-Test-Attempt";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A handler of the application's may send the same message again: the previous send's number must go.
        request.Headers.Remove(Header);
        request.Headers.TryAddWithoutValidation(Header, TryVoxHttpRequestOptions.AttemptOf(request).ToString(CultureInfo.InvariantCulture));

        return base.SendAsync(request, cancellationToken);
    }
}
