namespace TryVox.Client.Tests;

/// <summary>A body that can be read once, front to back, like a network or pipe stream: no seeking, no length of its own.</summary>
internal sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes, writable: false)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
}
