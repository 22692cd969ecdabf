using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace TryVox.Client.Responses;

/// <summary>
/// A response body read into a pooled buffer, never more than a limit: the whole operation then holds at most
/// that much, however large the body a server or proxy sends or declares, and however many attempts it takes. A
/// compressed body is decompressed as it is read, and the limit counts the decompressed bytes.
/// </summary>
internal readonly struct ResponseBody : IDisposable
{
    /// <summary>The first buffer's size at most: a body grows its buffer as its bytes arrive, whatever length it declares.</summary>
    internal const int InitialBufferLimit = 16 * 1024;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly byte[]? _buffer;

    private ResponseBody(byte[]? buffer, int length, bool truncated, string? unreadableEncoding = null)
    {
        _buffer = buffer;
        Length = length;
        Truncated = truncated;
        UnreadableEncoding = unreadableEncoding;
    }

    /// <summary>A body that could not be read (it stalled or was cut off): empty and marked truncated.</summary>
    public static ResponseBody Unread => new(null, 0, truncated: true);

    public int Length { get; }

    /// <summary>The body went on past the limit; only the limit's worth was read.</summary>
    public bool Truncated { get; }

    /// <summary>The body's <c>Content-Encoding</c> when it is none the client can decompress; the body is then not read.</summary>
    public string? UnreadableEncoding { get; }

    /// <summary>The body's bytes as they arrived (decompressed).</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>
    /// The body as text, JSON or other: without a leading UTF-8 byte-order mark, which is no part of a JSON text
    /// (RFC 8259, 8.1) and which Kiota's parse node, reading from a stream, skips too.
    /// </summary>
    public ReadOnlyMemory<byte> Text => Memory.Span.StartsWith(ByteOrderMark) ? Memory[ByteOrderMark.Length..] : Memory;

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes of <paramref name="content"/>, decompressed. A declared
    /// <c>Content-Length</c> above the limit is not read at all, unless <paramref name="keepStart"/> asks for the body's
    /// first <paramref name="limit"/> bytes whatever its length (an error page, for <see cref="Models.TryVoxError.RawBody"/>).
    /// The buffer starts small and doubles as bytes arrive, never past the limit: a declared length costs nothing
    /// until its bytes come, and at most about twice the limit is allocated however large the body.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ResponseBody> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken, bool keepStart = false)
    {
        var encoding = Encoding(content.Headers);
        if (encoding is { Known: false })
        {
            return new ResponseBody(null, 0, truncated: false, encoding.Value.Name);
        }

        var declared = content.Headers.ContentLength;
        if (encoding is null && declared > limit && !keepStart)
        {
            return Unread;
        }

        if (declared == 0)
        {
            return default;
        }

        var stream = Decoding(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), encoding?.Name);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(encoding is null ? declared ?? InitialBufferLimit : InitialBufferLimit, InitialBufferLimit), limit));
            var capacity = Math.Min(buffer.Length, limit);
            var length = 0;
            var truncated = false;
            try
            {
                while (true)
                {
                    if (length == capacity)
                    {
                        if (capacity == limit)
                        {
                            // Full: one byte more tells a body of exactly the limit from a longer one.
                            truncated = await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0;
                            break;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)capacity * 2, limit));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                        capacity = Math.Min(buffer.Length, limit);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, capacity - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            return new ResponseBody(buffer, length, truncated);
        }
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    /// <summary>The body's one <c>Content-Encoding</c> other than identity, and whether the client decompresses it; null for none.</summary>
    private static (string Name, bool Known)? Encoding(System.Net.Http.Headers.HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Encoding", out var values))
        {
            return null;
        }

        var name = values.ToString().Trim();
        return name.Length == 0 || name.Equals("identity", StringComparison.OrdinalIgnoreCase) ? null
            : (name, name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)
                || name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("deflate", StringComparison.OrdinalIgnoreCase));
    }

    private static Stream Decoding(Stream body, string? encoding) => encoding?.ToLowerInvariant() switch
    {
        null => body,
        "br" => new BrotliStream(body, CompressionMode.Decompress),
        // HTTP's deflate is the zlib format (RFC 9110, 8.4.1.2).
        "deflate" => new ZLibStream(body, CompressionMode.Decompress),
        _ => new GZipStream(body, CompressionMode.Decompress),
    };
}
