using System.Text;

namespace TryVox.Benchmarks.Transports;

/// <summary>
/// The one request a benchmark makes and the server's pre-built answer to it, for both transports. Any
/// other request (method, path or key) is answered 400, so a client that sends the wrong thing fails its
/// check instead of being timed. While <see cref="Recording"/>, it keeps each request body for the check.
/// </summary>
public sealed class CannedEndpoint(HttpMethod method, string path, int status, byte[] body, byte[]? expectedRequestBody = null)
{
    /// <summary>The answer's content type.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private const string Authorization = "Bearer " + Payloads.ApiKey;

    private readonly byte[] _mismatch = Encoding.UTF8.GetBytes(
        $$$"""{"error":{"code":"UNEXPECTED_REQUEST","message":"The benchmark server answers only {{{method}}} {{{path}}} with the benchmark key."}}""");

    private readonly List<byte[]> _received = [];

    /// <summary>The request's path, <c>/v1/…</c>.</summary>
    public string Path { get; } = path;

    /// <summary>The JSON body the request must carry, or null for none.</summary>
    public byte[]? ExpectedRequestBody { get; } = expectedRequestBody;

    /// <summary>Whether request bodies are kept (never while timing).</summary>
    public bool Recording { get; private set; }

    /// <summary>The status and body to answer a request with.</summary>
    public (int Status, byte[] Body) Answer(string requestMethod, string requestPath, string? authorization) =>
        requestMethod == method.Method && requestPath == Path && authorization == Authorization ? (status, body) : (400, _mismatch);

    /// <summary>Keeps a request body (empty for none), while <see cref="Recording"/>.</summary>
    public void Record(byte[] requestBody) => _received.Add(requestBody);

    /// <summary>Starts keeping request bodies.</summary>
    public void StartRecording()
    {
        _received.Clear();
        Recording = true;
    }

    /// <summary>Stops keeping request bodies and returns those received, oldest first.</summary>
    public IReadOnlyList<byte[]> StopRecording()
    {
        Recording = false;
        return [.. _received];
    }
}
