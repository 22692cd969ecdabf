namespace TryVox.Client;

/// <summary>Names of headers and fields on the wire that the hand-written code reads or writes.</summary>
internal static class WireNames
{
    /// <summary>The request id TryVox support asks for.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    /// <summary>The field of a synthesized error body that keeps the start of a body that was not a TryVox error.</summary>
    public const string RawBodyField = "raw_body";
}
