namespace TryVox.Benchmarks.Floor;

/// <summary>A non-2xx answer to the hand-written client, with the server's error code and message.</summary>
public sealed class FloorApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FloorApiException(int status, string? code, string? message)
        : base(message ?? $"HTTP {status}")
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The server's error code, such as <c>UNAUTHORIZED</c>.</summary>
    public string? Code { get; }
}
