// Compiled into TryVox.Client and into the TVX0001 analyzer, so the SDK, the analyzer and `tryvox keys scan`
// agree on what a leaked key looks like.
namespace TryVox.Client.Authentication;

/// <summary>What a TryVox secret key looks like in text: a documented prefix and at least four key characters after it.</summary>
internal static class ApiKeyPattern
{
    /// <summary>
    /// A regular expression for a key inside any text (source, configuration, logs). A bare prefix
    /// (<c>tvx_sk_live_</c>) does not match, nor does a shortened key that ends in an ellipsis as in
    /// documentation (<c>tvx_sk_live_abc123...</c>, <c>tvx_sk_live_abc…</c>): the lookahead refuses a
    /// match that stops before the end of the key characters or runs into "..." or "…".
    /// </summary>
    public const string Regex = @"tvx_sk_(?:live|test)_[A-Za-z0-9][A-Za-z0-9_\-]{3,}(?![A-Za-z0-9_\-]|\.\.\.|\u2026)";

    /// <summary>The part every key starts with: a cheap test before running <see cref="Regex"/>.</summary>
    public const string CommonPrefix = "tvx_sk_";
}
