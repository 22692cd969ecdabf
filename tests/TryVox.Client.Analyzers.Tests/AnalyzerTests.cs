namespace TryVox.Client.Analyzers.Tests;

/// <summary>Where TVX0001 finds a key, and where it must not. <c>{|TVX0001:…|}</c> marks each expected diagnostic's exact span.</summary>
public sealed class AnalyzerTests
{
    [Fact]
    public async Task The_code_under_test_needs_no_reference_assembly_package()
    {
        // With a package named here, the testing library would download it from NuGet before the first test.
        Assert.Null(Verify.NoPackage.ReferenceAssemblyPackage);
        Assert.Empty(Verify.NoPackage.Packages);
        Assert.Empty(await Verify.NoPackage.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, CancellationToken.None));
    }

    [Fact]
    public Task A_key_in_a_string_literal_is_reported_on_the_literal() => Verify.DiagnosticsAsync("""
        class C
        {
            string Live() => {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|};
            string Sandbox() => {|TVX0001:"tvx_sk_test_abcd"|};
            string InText() => {|TVX0001:"Authorization: Bearer tvx_sk_live_4f9a8b7c6d5e1234\r\n"|};
        }
        """);

    [Fact]
    public Task Verbatim_raw_and_utf8_literals_are_reported() => Verify.DiagnosticsAsync(""""
        class C
        {
            string Verbatim() => {|TVX0001:@"tvx_sk_live_4f9a8b7c6d5e1234"|};
            string Raw() => {|TVX0001:"""
                key: tvx_sk_test_4f9a8b7c6d5e
                """|};
            System.ReadOnlySpan<byte> Utf8() => {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"u8|};
        }
        """");

    [Fact]
    public Task A_key_in_interpolated_text_is_reported_on_that_text() => Verify.DiagnosticsAsync("""
        class C
        {
            string Header(string tenant) => $"{|TVX0001:Bearer tvx_sk_live_4f9a8b7c6d5e1234 for |}{tenant}";
        }
        """);

    [Fact]
    public Task A_key_in_a_const_is_reported_on_its_literal_not_where_the_const_is_used() => Verify.DiagnosticsAsync("""
        class C
        {
            const string Key = {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|};
            const string Header = "Bearer " + Key;
            string Use() => Key + Header;
        }
        """);

    [Fact]
    public Task A_constant_built_from_parts_that_are_not_keys_alone_is_reported_once_on_the_whole() => Verify.DiagnosticsAsync("""
        using TryVox.Client.Authentication;

        class C
        {
            const string Suffix = "4f9a8b7c6d5e1234";
            const string FromPrefix = {|TVX0001:TryVoxApiKey.LivePrefix + "4f9a8b7c6d5e1234"|};
            const string Split = {|TVX0001:"tvx_sk_" + ("live_" + "4f9a") + "8b7c"|};
            const string Interpolated = {|TVX0001:$"{TryVoxApiKey.SandboxPrefix}{Suffix}"|};
            string NotConstant(string suffix) => TryVoxApiKey.LivePrefix + suffix;
            string InAnExpression(string tenant) => {|TVX0001:TryVoxApiKey.LivePrefix + Suffix|} + tenant;
        }
        """);

    [Fact]
    public Task Prefixes_documentation_forms_and_comments_are_not_keys() => Verify.DiagnosticsAsync("""
        using TryVox.Client.Authentication;

        /// <summary>Keys look like <c>tvx_sk_live_4f9a8b7c6d5e1234</c>.</summary>
        class C
        {
            // An old key was tvx_sk_live_4f9a8b7c6d5e1234.
            const string Live = "tvx_sk_live_";
            const string Sandbox = "tvx_sk_test_";
            string[] NotKeys() =>
            [
                Live, Sandbox, TryVoxApiKey.LivePrefix, TryVoxApiKey.SandboxPrefix + "",
                "tvx_sk_live_…", "tvx_sk_live_...", "export TRYVOX_API_KEY=tvx_sk_test_…",
                "Bearer tvx_sk_live_abc123...", "tvx_sk_live_abc123xyz…", $"tvx_sk_live_abc…{Live}",
                "tvx_sk_live_abc", "tvx_sk_prod_4f9a8b7c6d5e1234", "tvx_pk_live_4f9a8b7c6d5e1234", "TVX_SK_LIVE_4F9A8B7C6D5E1234",
            ];
        }
        """);
}
