// Compiled into TryVox.Client and into the TVX0001 analyzer, so the SDK, the analyzer and `tryvox keys scan`
// agree on what a leaked key looks like.
namespace TryVox.Client.Authentication;

/// <summary>What a TryVox secret key looks like in text: a documented prefix and at least four key characters after it.</summary>
internal static class ApiKeyPattern
{
    /// <summary>
    /// A regular expression for a key inside any text (source, configuration, logs). A bare prefix
    /// (<c>tvx_sk_live_</c>) or one followed by an ellipsis, as in documentation, does not match.
    /// </summary>
    public const string Regex = @"tvx_sk_(?:live|test)_[A-Za-z0-9][A-Za-z0-9_\-]{3,}";
}
