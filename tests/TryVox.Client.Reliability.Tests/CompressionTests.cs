using System.IO.Compression;
using System.Text;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// Compressed answers: the client asks for gzip and brotli, decompresses what it is sent (deflate too), counts
/// <see cref="TryVoxClientOptions.MaxResponseBytes"/> in decompressed bytes, and names an encoding it cannot read.
/// </summary>
public sealed class CompressionTests
{
    [Fact]
    public async Task Every_request_asks_for_gzip_and_brotli()
    {
        await using var server = new RawHttpServer(Serve(200, "identity", Encoding.UTF8.GetBytes(Wire.NumbersJson)));

        await Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync();
        await Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall());

        Assert.All(server.Requests, r => Assert.Equal("gzip, br", r.Header("Accept-Encoding")));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("GZIP")]
    public async Task A_list_of_1000_calls_compressed_arrives_whole_at_a_fraction_of_its_bytes(string encoding)
    {
        // Calls that differ as a real account's do: ids, numbers, statuses and times.
        string[] statuses = ["queued", "ringing", "in-progress", "completed", "busy", "no-answer"];
        var json = Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", Enumerable.Range(0, 1000).Select(i =>
            $$"""{"id":"call_{{Convert.ToHexStringLower(BitConverter.GetBytes(i * 2654435761u))}}","from":"+919876543210","to":"+1415555{{i:D4}}","answer_url":"https://your-app.com/answer?c={{i}}","status":"{{statuses[i % 6]}}","created_at":"2026-01-01T{{i / 60 % 24:D2}}:{{i % 60:D2}}:{{i * 7 % 60:D2}}Z"}"""))
            + "]}");
        var compressed = Compress(json, encoding);
        await using var server = new RawHttpServer(Serve(200, encoding, compressed));

        var calls = await Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.GetAsync();

        Assert.Equal(1000, calls!.Data!.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"+1415555{i:D4}"), calls.Data.Select(c => c.To));
        Assert.True(compressed.Length * 4 < json.Length, $"{encoding}: {compressed.Length:N0} bytes for {json.Length:N0}");
        Figures.Record($"1,000-call list on the wire, {encoding}", compressed.Length);
        Figures.Record("1,000-call list on the wire, uncompressed", json.Length);
    }

    [Fact]
    public async Task A_compressed_error_body_keeps_its_code_and_message()
    {
        var body = Compress(Encoding.UTF8.GetBytes("""{"error":{"code":"VALIDATION_ERROR","message":"to must be an E.164 phone number"}}"""), "gzip");
        await using var server = new RawHttpServer(Serve(400, "gzip", body));

        var error = await Assert.ThrowsAsync<TryVoxError>(() => Wire.Client(server.BaseUrl).Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        Assert.Equal((400, "VALIDATION_ERROR", "to must be an E.164 phone number"), (error.ResponseStatusCode, error.Code, error.Message));
    }

    [Fact]
    public async Task A_body_in_an_encoding_the_client_cannot_read_is_refused_with_the_encodings_name()
    {
        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(
            exchange.Request.Method == "POST" ? Answer(201, "zstd", [0x28, 0xB5, 0x2F, 0xFD]) : Answer(503, "zstd", [0x28, 0xB5, 0x2F, 0xFD])));
        var client = Wire.Client(server.BaseUrl, o => o.Retry = RetryPolicy.None);

        var created = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));
        var failed = await Assert.ThrowsAsync<TryVoxError>(() => client.Account["AC123456"].Numbers.GetAsync());

        Assert.Equal(
            "POST /voice/accounts/{auth_id}/calls answered 201, but its body is encoded as zstd, which the client cannot decompress (it asks for gzip, br).",
            created.Message);
        Assert.False(created.OutcomeUnknown);
        Assert.Equal(
            (503, "HTTP_503", "The server answered 503 Service Unavailable with a body encoded as zstd, which the client cannot decompress."),
            (failed.ResponseStatusCode, failed.Code, failed.Message));
    }

    [Fact]
    public async Task A_gzip_body_that_is_not_gzip_is_an_unreadable_answer_that_says_so()
    {
        await using var server = new RawHttpServer(Serve(200, "gzip", Encoding.UTF8.GetBytes(Wire.NumbersJson)));

        var error = await Assert.ThrowsAsync<TryVoxInvalidResponseException>(() => Wire.Client(server.BaseUrl).Account["AC123456"].Numbers.GetAsync());

        Assert.StartsWith("GET /account/{account_id}/numbers answered 200, but its gzip body could not be decompressed: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    internal static byte[] Compress(byte[] body, string encoding)
    {
        var output = new MemoryStream();
        using (Stream compressor = encoding.ToLowerInvariant() switch
        {
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
        })
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }

    internal static byte[] Answer(int status, string encoding, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {RawHttpServer.Reason(status)}\r\nContent-Type: application/json\r\nContent-Encoding: {encoding}\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];

    private static Func<RawExchange, Task> Serve(int status, string encoding, byte[] body) =>
        exchange => exchange.WriteAsync(Answer(status, encoding, body));
}
