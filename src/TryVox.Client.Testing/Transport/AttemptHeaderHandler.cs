using System.Globalization;
using TryVox.Client.Middleware;

namespace TryVox.Client.Testing.Transport;

/// <summary>
/// Tells the server which attempt of the client's operation a request is: the client publishes the number
/// in <see cref="TryVoxRequestOptions.Attempt"/>, and this handler, the last before the wire, carries it in
/// a test-only header that the server records (<see cref="RecordedRequest.Attempt"/>) and never requires.
/// </summary>
internal sealed class AttemptHeaderHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Header = "X-TryVox-Test-Attempt";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The client re-sends the same message on a retry: the previous attempt's number must go.
        request.Headers.Remove(Header);
        if (request.Options.TryGetValue(TryVoxRequestOptions.Attempt, out var attempt))
        {
            request.Headers.TryAddWithoutValidation(Header, attempt.ToString(CultureInfo.InvariantCulture));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
