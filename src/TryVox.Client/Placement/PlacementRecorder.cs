namespace TryVox.Client.Placement;

/// <summary>Receives the answer of a create-call that holds a placement key: the response reader hands it each 2xx body it read as the result.</summary>
internal sealed class PlacementRecorder
{
    /// <summary>The status of the answer read; 0 until one was.</summary>
    public int Status { get; private set; }

    /// <summary>The answer's body as it arrived; null until one was read.</summary>
    public byte[]? Body { get; private set; }

    public void Record(int status, ReadOnlySpan<byte> body) => (Status, Body) = (status, body.ToArray());
}
