using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using TryVox.Client.Authentication;

namespace TryVox.Client.RequestOptions;

/// <summary>
/// Kiota's own request options on one request, read as Kiota's handlers read them. Those whose meaning fits the
/// client are honoured: <see cref="HeadersInspectionHandlerOption"/> (the key shows as its hint) and
/// <see cref="ResponseHandlerOption"/>. The others configure handlers of Kiota's
/// that this client replaces; each is refused before anything is sent, with the TryVox way to get what it asks for,
/// rather than ignored.
/// </summary>
internal readonly struct KiotaRequestOptions
{
    private static readonly Dictionary<Type, string> Refused = new()
    {
        [typeof(RetryHandlerOption)] = "set TryVoxClientOptions.Retry, or add a TryVox.Client.RequestOptions.RetryOption to the request",
        [typeof(RedirectHandlerOption)] = "the client follows up to 5 redirects itself, never from https to http, with the key only to the API's origin",
        [typeof(UserAgentHandlerOption)] = "set TryVoxClientOptions.ApplicationId, which the User-Agent carries",
        [typeof(ChaosHandlerOption)] = "inject faults with TryVox.Client.Testing's TryVoxTestServer.Faults",
        [typeof(UriReplacementHandlerOption)] = "set TryVoxClientOptions.BaseUrl",
        [typeof(ParametersNameDecodingOption)] = "the client sends query parameter names as the API description spells them",
        [typeof(TelemetryHandlerOption)] = "add a DelegatingHandler (AddTryVoxClient(…).AddHttpMessageHandler) or use TryVoxClientOptions.OnAttempt",
        [typeof(BodyInspectionHandlerOption)] = "read the answer yourself with a ResponseHandlerOption (Kiota's NativeResponseHandler), or inspect headers with HeadersInspectionHandlerOption",
        [typeof(ObservabilityOptions)] = "the client's spans and metrics come from the TryVox.Client ActivitySource and Meter (docs/monitoring.md)",
    };

    private readonly HeadersInspectionHandlerOption? _headers;

    private KiotaRequestOptions(HeadersInspectionHandlerOption? headers, IResponseHandler? responseHandler) =>
        (_headers, ResponseHandler) = (headers, responseHandler);

    /// <summary>The handler of a <see cref="ResponseHandlerOption"/>: it is given the final answer instead of the client reading it.</summary>
    public IResponseHandler? ResponseHandler { get; }

    /// <exception cref="NotSupportedException">The request carries a Kiota option the client does not honour.</exception>
    public static KiotaRequestOptions Of(RequestInformation request)
    {
        if (request.RequestOptions is ICollection<IRequestOption> { Count: 0 })
        {
            return default;
        }

        var (headers, handler) = (default(HeadersInspectionHandlerOption), default(IResponseHandler));
        foreach (var option in request.RequestOptions)
        {
            switch (option)
            {
                case HeadersInspectionHandlerOption inspection:
                    headers = inspection;
                    break;
                case ResponseHandlerOption { ResponseHandler: var responseHandler }:
                    handler = responseHandler;
                    break;
                default:
                    var type = option.GetType();
                    if (Refused.TryGetValue(type, out var instead) || type.Assembly == typeof(RetryHandlerOption).Assembly)
                    {
                        throw new NotSupportedException(
                            $"The TryVox client does not use Kiota's {type.Name}, so it would be ignored: " +
                            $"{instead ?? "the TryVox client has its own handlers in place of Kiota's (docs/kiota-upgrades.md lists each option)"}.");
                    }

                    break;
            }
        }

        return new KiotaRequestOptions(headers, handler);
    }

    /// <summary>A message is about to be sent: its headers, for the inspection option.</summary>
    public void Sending(HttpRequestMessage message, TryVoxApiKey key)
    {
        if (_headers is { InspectRequestHeaders: true } headers)
        {
            foreach (var (name, values) in message.Headers)
            {
                headers.RequestHeaders[name] = name == TryVoxAuthenticationProvider.Header ? ["Bearer " + key.Hint] : [.. values];
            }

            foreach (var (name, values) in message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            {
                headers.RequestHeaders[name] = [.. values];
            }
        }
    }

    /// <summary>An answer arrived: its headers, for the inspection option.</summary>
    public void Answered(HttpResponseMessage response)
    {
        if (_headers is { InspectResponseHeaders: true } headers)
        {
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers.ResponseHeaders[name] = [.. values];
            }
        }
    }
}
