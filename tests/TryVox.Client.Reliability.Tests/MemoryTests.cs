using System.IO.Compression;
using System.Text;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>Tests that measure the process's allocations and heap: they run alone, after the others.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsRunAlone;

/// <summary>
/// Bounded memory against hostile bodies, and no leak over thousands of requests: the bytes a 256 MB answer or a 64 MB
/// error page make the client allocate, and the sockets and heap of one client after 10,000 requests.
/// </summary>
[Collection(nameof(MemoryTests))]
[Trait("Category", "Load")]
public sealed class MemoryTests
{
    private const long HugeBody = 256L * 1024 * 1024;
    private const long HugeErrorBody = 64L * 1024 * 1024;

    [Fact]
    public async Task A_256_MB_list_streamed_without_a_length_fails_at_MaxResponseBytes_and_the_client_allocates_a_fraction_of_it()
    {
        long sent = 0;
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"data\":[");
            sent = await WriteRepeatedAsync(exchange, """{"e164":"+919876543210","country":"IN","status":"active"},""", HugeBody);
            exchange.Close();
        });
        var client = Wire.Client(server.BaseUrl);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Account["AC123456"].Numbers.GetAsync());

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("larger than TryVoxClientOptions.MaxResponseBytes (16,777,216 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal((200, 1, false), (error.ResponseStatusCode, error.Attempts, error.OutcomeUnknown));
        Assert.True(sent < HugeBody, $"the server could send all {sent:N0} bytes: the client read on past its limit");
        // The buffer doubles up to the limit and no further: about twice the limit (32 MiB) the first time, pooled after.
        Assert.True(allocated < 3L * TryVoxClientOptions.DefaultMaxResponseBytes, $"allocated {allocated:N0} bytes for a {HugeBody:N0}-byte body");
        Figures.Record("256 MB list, no Content-Length: bytes allocated", allocated);
    }

    [Fact]
    public async Task A_256_MB_list_announced_by_its_Content_Length_is_not_read_at_all()
    {
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {HugeBody}\r\n\r\n{{\"data\":[");
            await WriteRepeatedAsync(exchange, """{"e164":"+919876543210","country":"IN","status":"active"},""", HugeBody - 9);
        });
        var client = Wire.Client(server.BaseUrl);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Account["AC123456"].Numbers.GetAsync());

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes");
        Figures.Record("256 MB list, Content-Length: bytes allocated", allocated);
    }

    [Fact]
    public async Task Answers_that_declare_16_MB_and_send_9_bytes_cost_what_arrives_not_what_is_declared()
    {
        const int InFlight = 32;
        var allArrived = new TaskCompletionSource();
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16000000\r\n\r\n{\"data\":[");
            if (exchange.Number == InFlight)
            {
                allArrived.SetResult();
            }

            // Every answer stays open until all have begun: their bodies are all being read at once, then end early.
            await allArrived.Task.WaitAsync(exchange.Stopping);
            await Task.Delay(TimeSpan.FromSeconds(1), exchange.Stopping);
            exchange.Close();
        });
        var client = Wire.Client(server.BaseUrl, o => (o.Retry, o.AttemptTimeout) = (RetryPolicy.None, TimeSpan.FromMinutes(1)));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var failures = await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Record.ExceptionAsync(() => client.Account["AC123456"].Numbers.GetAsync())));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.All(failures, f => Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<TryVoxNetworkException>(f).HttpRequestError));
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes for {InFlight} answers of 9 bytes each that declared 16,000,000");
        Figures.Record("32 answers declaring 16,000,000 bytes, sending 9: bytes allocated", allocated);
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_at_MaxResponseBytes_of_decompressed_bytes_long_before_its_end()
    {
        // 256 MiB of JSON whitespace compresses to about 250 KB.
        const long Expanded = 256L * 1024 * 1024;
        var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("{\"data\":["u8);
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var written = 0L; written < Expanded; written += spaces.Length)
            {
                gzip.Write(spaces);
            }
        }

        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(CompressionTests.Answer(200, "gzip", bomb.ToArray())));
        var client = Wire.Client(server.BaseUrl, o => o.MaxResponseBytes = 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Account["AC123456"].Numbers.GetAsync());

        Assert.Contains("larger than TryVoxClientOptions.MaxResponseBytes (1,048,576 bytes)", error.Message, StringComparison.Ordinal);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(1, server.Received);
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes for a {bomb.Length:N0}-byte gzip body of {Expanded:N0} bytes");
        Figures.Record("gzip bomb of 256 MiB, compressed size", bomb.Length);
        Figures.Record("gzip bomb of 256 MiB, bytes allocated", allocated);
    }

    [Fact]
    public async Task A_64_MB_HTML_500_on_every_attempt_of_a_list_keeps_memory_bounded_and_RawBody_at_2_KiB()
    {
        var page = "<html><body>" + new string('x', 4096) + "</body></html>\n";
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.WriteAsync($"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: {HugeErrorBody}\r\n\r\n");
            await WriteRepeatedAsync(exchange, page, HugeErrorBody);
        });
        var client = Wire.Client(server.BaseUrl);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync());

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal((500, "HTTP_500", 4), (error.ResponseStatusCode, error.Code, error.Attempts));
        Assert.Equal(4, server.Received);
        Assert.Equal(page[..2048] + "…", error.RawBody);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes over 4 attempts of {HugeErrorBody:N0} bytes");
        Figures.Record("64 MB HTML 500 x 4 attempts: bytes allocated", allocated);
    }

    [Fact]
    public async Task Ten_thousand_sequential_requests_through_one_client_use_one_connection_and_grow_no_heap()
    {
        const int warmUp = 500;
        const int requests = 10_000;
        await using var server = new RawHttpServer(
            exchange => exchange.WriteAsync(exchange.Request.Method == "POST" ? CreatedAnswer : NumbersAnswer), record: false);
        using var client = Wire.Client(server.BaseUrl);

        async Task SendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (i % 2 == 0)
                {
                    Assert.Single((await client.Account["AC123456"].Numbers.GetAsync())!.Data!);
                }
                else
                {
                    Assert.Equal("call_7f3c2a", (await client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()))!.Id);
                }
            }
        }

        await SendAsync(warmUp);
        var heapAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
        await SendAsync(requests);
        var heapAtEnd = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(warmUp + requests, server.Received);
        Assert.Equal(1, server.Accepted);
        Assert.True(heapAtEnd - heapAfterWarmUp < 2 * 1024 * 1024, $"heap grew by {heapAtEnd - heapAfterWarmUp:N0} bytes over {requests:N0} requests");
        Figures.Record("10,000 requests: heap growth (bytes)", heapAtEnd - heapAfterWarmUp);
    }

    private static readonly byte[] CreatedAnswer = RawHttpServer.Answer(201, Wire.CallJson);

    private static readonly byte[] NumbersAnswer = RawHttpServer.Answer(200, Wire.NumbersJson);

    /// <summary>Writes <paramref name="text"/> over and over until <paramref name="total"/> bytes or the client leaves; returns the bytes written.</summary>
    private static async Task<long> WriteRepeatedAsync(RawExchange exchange, string text, long total)
    {
        var unit = Encoding.UTF8.GetBytes(text);
        var chunk = new byte[64 * 1024 / unit.Length * unit.Length];
        for (var i = 0; i < chunk.Length; i += unit.Length)
        {
            unit.CopyTo(chunk, i);
        }

        long written = 0;
        try
        {
            while (written < total)
            {
                var size = (int)Math.Min(chunk.Length, total - written);
                await exchange.WriteAsync(size == chunk.Length ? chunk : chunk[..size]);
                written += size;
            }
        }
        catch (IOException)
        {
            // The client stopped reading and closed the connection.
        }

        return written;
    }
}
