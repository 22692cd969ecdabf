namespace TryVox.Client;

/// <summary>Names of headers and fields on the wire that the hand-written code reads or writes.</summary>
internal static class WireNames
{
    /// <summary>The request id TryVox support asks for.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    /// <summary>The encodings the client asks for (<c>Accept-Encoding</c>); it decompresses these and deflate.</summary>
    public const string AcceptEncoding = "gzip, br";
}
