using System.Buffers;
using System.Runtime.CompilerServices;

namespace TryVox.Client.Http;

/// <summary>
/// A response body read into a pooled buffer, never more than a limit: the whole operation then holds at most
/// that much, however large the body a server or proxy sends, and however many attempts it takes.
/// </summary>
internal readonly struct ResponseBody : IDisposable
{
    private readonly byte[]? _buffer;

    private ResponseBody(byte[]? buffer, int length, bool truncated)
    {
        _buffer = buffer;
        Length = length;
        Truncated = truncated;
    }

    /// <summary>A body that could not be read (it stalled or was cut off): empty and marked truncated.</summary>
    public static ResponseBody Unread => new(null, 0, truncated: true);

    public int Length { get; }

    /// <summary>The body went on past the limit; only the limit's worth was read.</summary>
    public bool Truncated { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes of <paramref name="content"/>. A declared <c>Content-Length</c>
    /// above the limit is not read at all, unless <paramref name="keepStart"/> asks for the body's first
    /// <paramref name="limit"/> bytes whatever its length (an error page, for <see cref="Models.TryVoxError.RawBody"/>).
    /// The buffer never grows past the limit: at most about twice the limit is allocated however large the body.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ResponseBody> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken, bool keepStart = false)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit && !keepStart)
        {
            return Unread;
        }

        if (declared == 0)
        {
            return default;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(declared ?? 16 * 1024, limit));
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
}
