namespace TryVox.Benchmarks.Transports;

/// <summary>
/// Answers from the endpoint's pre-built bytes without sockets, so only the client's own work is measured.
/// It reads what a socket handler would read (the request body, the raw Authorization header) and hands back
/// unparsed headers as a socket handler does; everything completes synchronously.
/// </summary>
public sealed class InMemoryHandler(CannedEndpoint endpoint) : HttpMessageHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            if (endpoint.Recording)
            {
                endpoint.Record(await content.ReadAsByteArrayAsync(cancellationToken));
            }
            else
            {
                await content.CopyToAsync(Stream.Null, cancellationToken);
            }
        }
        else if (endpoint.Recording)
        {
            endpoint.Record([]);
        }

        var authorization = request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? values.ToString() : null;
        var (status, body) = endpoint.Answer(request.Method.Method, request.RequestUri!.AbsolutePath, authorization);
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", CannedEndpoint.ContentType);
        return response;
    }
}
