using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TryVox.Client.Reliability.Tests;

/// <summary>A request as it arrived on the socket: the request line's target exactly as sent, headers and body.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written on a bare <see cref="TcpListener"/>, for the faults Kestrel will not
/// commit: a reset at any moment, headers then silence, a body that drips, a body shorter than its Content-Length.
/// Each request is answered by <see cref="Respond"/>, which writes whatever bytes it likes or resets the connection.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly Task _accepting;
    private int _accepted;
    private int _received;

    private readonly X509Certificate2? _certificate;

    /// <summary>A server of plain http, or of https with <paramref name="certificate"/>.</summary>
    public RawHttpServer(Func<RawExchange, Task> respond, bool record = true, X509Certificate2? certificate = null)
    {
        Respond = respond;
        Record = record;
        _certificate = certificate;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>http://127.0.0.1:PORT/v1, or https://… with a certificate.</summary>
    public Uri BaseUrl => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}/v1");

    /// <summary>A self-signed certificate for 127.0.0.1, which <see cref="TrustingHandler"/> trusts.</summary>
    public static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A primary handler that trusts <paramref name="certificate"/> (a <see cref="LoopbackCertificate"/>) and leaves redirects to the client.</summary>
    public static SocketsHttpHandler TrustingHandler(X509Certificate2 certificate) => new()
    {
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
    };

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Func<RawExchange, Task> Respond { get; set; }

    /// <summary>Resets the connection numbered by its argument (1 for the first) as soon as it is accepted, before reading anything.</summary>
    public Func<int, bool> ResetOnAccept { get; set; } = _ => false;

    /// <summary>Whether requests are kept in <see cref="Requests"/>; off for the leak check, which sends thousands.</summary>
    public bool Record { get; }

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>TCP connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Requests read so far, recorded or not.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>An answer with a body and its Content-Length; the connection stays open for the next request.</summary>
    public static byte[] Answer(int status, string body, string contentType = "application/json", string extraHeaders = "") =>
        Encoding.UTF8.GetBytes($"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}\r\n{body}");

    public static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        400 => "Bad Request",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        429 => "Too Many Requests",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(connection);
            if (ResetOnAccept(Interlocked.Increment(ref _accepted)))
            {
                new RawExchange(connection, connection.GetStream(), _stop.Token).Reset();
                continue;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        Stream stream = connection.GetStream();
        if (_certificate is not null)
        {
            var tls = new SslStream(stream);
            stream = tls;
            try
            {
                await tls.AuthenticateAsServerAsync(_certificate);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                connection.Dispose();
                return;
            }
        }

        var exchange = new RawExchange(connection, stream, _stop.Token);
        try
        {
            while (await exchange.ReadRequestAsync() is { } request)
            {
                exchange.Number = Interlocked.Increment(ref _received);
                if (Record)
                {
                    Requests.Enqueue(request);
                }

                await Respond(exchange);
                if (exchange.Closed)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the test is over.
        }
        finally
        {
            connection.Dispose();
        }
    }
}

/// <summary>One connection's current request, and the ways to answer it.</summary>
public sealed class RawExchange(TcpClient connection, Stream stream, CancellationToken stopping)
{
    private readonly Stream _stream = stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The request being answered.</summary>
    public RawRequest Request { get; private set; } = null!;

    /// <summary>The request's number on the server (1 for the first), across connections.</summary>
    public int Number { get; internal set; }

    /// <summary>The server is over, or the test gave up.</summary>
    public CancellationToken Stopping => stopping;

    public bool Closed { get; private set; }

    public Task WriteAsync(byte[] bytes) => _stream.WriteAsync(bytes, stopping).AsTask();

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends a TCP reset (RST) instead of an answer: the client sees "connection reset by peer".</summary>
    public void Reset()
    {
        connection.Client.LingerState = new LingerOption(true, 0);
        connection.Client.Close();
        Closed = true;
    }

    /// <summary>Closes the connection normally (FIN) after what was written.</summary>
    public void Close()
    {
        connection.Client.Shutdown(SocketShutdown.Both);
        Closed = true;
    }

    /// <summary>Waits until the client gives up on the connection (or the server stops): a stall.</summary>
    public async Task StallAsync()
    {
        var scratch = new byte[1];
        try
        {
            while (await _stream.ReadAsync(scratch, stopping) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }

        Closed = true;
    }

    /// <summary>Reads the next request on this connection; null when the client closed it.</summary>
    internal async Task<RawRequest?> ReadRequestAsync()
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await FillAsync())
            {
                return null;
            }
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headEnd).Split("\r\n");
        _start += headEnd + 4;
        var line = head[0].Split(' ');
        var headers = head.Skip(1).Select(h => (Name: h[..h.IndexOf(':', StringComparison.Ordinal)], Value: h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var length = int.Parse(headers.FirstOrDefault(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        while (_end - _start < length)
        {
            if (!await FillAsync())
            {
                return null;
            }
        }

        var body = Encoding.UTF8.GetString(_buffer, _start, length);
        _start += length;
        Request = new RawRequest(line[0], line[1], headers, body);
        return Request;
    }

    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), stopping);
        _end += read;
        return read > 0;
    }
}
