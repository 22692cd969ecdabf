namespace TryVox.Client.Analyzers.Tests;

/// <summary>
/// The TVX0001 fix. Each test checks the fix applied diagnostic by diagnostic and, through the testing library,
/// Fix All in document, project and solution; a test whose fixed code equals its source proves no fix is offered.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task A_method_argument_reads_the_environment_variable() => Verify.FixAsync("""
        using System;
        using TryVox.Client.Authentication;

        class C
        {
            TryVoxApiKey Key() => TryVoxApiKey.Parse({|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|}, "the key");
        }
        """, """
        using System;
        using TryVox.Client.Authentication;

        class C
        {
            TryVoxApiKey Key() => TryVoxApiKey.Parse(Environment.GetEnvironmentVariable("TRYVOX_API_KEY"), "the key");
        }
        """);

    [Fact]
    public Task An_object_initializer_reads_the_environment_variable() => Verify.FixAsync("""
        using System;
        using TryVox.Client;

        class C
        {
            TryVoxClientOptions Options() => new TryVoxClientOptions
            {
                ApiKey = {|TVX0001:@"tvx_sk_live_4f9a8b7c6d5e1234"|}, // from the dashboard
                TenantId = "tenant_xyz",
            };
        }
        """, """
        using System;
        using TryVox.Client;

        class C
        {
            TryVoxClientOptions Options() => new TryVoxClientOptions
            {
                ApiKey = Environment.GetEnvironmentVariable("TRYVOX_API_KEY"), // from the dashboard
                TenantId = "tenant_xyz",
            };
        }
        """);

    [Fact]
    public Task Without_using_System_or_with_a_member_named_Environment_the_type_is_qualified() => Verify.FixAsync("""
        class C
        {
            string Environment => "production";
            string Key() => {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|};
        }

        class D
        {
            string Key() => {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|};
        }
        """, """
        class C
        {
            string Environment => "production";
            string Key() => System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
        }

        class D
        {
            string Key() => System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
        }
        """);

    [Fact]
    public Task Text_around_the_key_is_kept() => Verify.FixAsync("""
        using System;
        using TryVox.Client.Authentication;

        class C
        {
            int HeaderLength() => {|TVX0001:"Bearer tvx_sk_live_4f9a8b7c6d5e1234"|}.Length;
            string Header(string tenant) => $"{|TVX0001:Bearer tvx_sk_live_4f9a8b7c6d5e1234 |}{tenant}";
            string Whole() => $"{|TVX0001:tvx_sk_live_4f9a8b7c6d5e1234|}";
            string Built() => {|TVX0001:TryVoxApiKey.LivePrefix + "4f9a8b7c6d5e1234"|};
        }
        """, """
        using System;
        using TryVox.Client.Authentication;

        class C
        {
            int HeaderLength() => ("Bearer " + Environment.GetEnvironmentVariable("TRYVOX_API_KEY")).Length;
            string Header(string tenant) => $"Bearer {Environment.GetEnvironmentVariable("TRYVOX_API_KEY")} {tenant}";
            string Whole() => Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
            string Built() => Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
        }
        """);

    [Fact]
    public Task A_raw_interpolated_string_gets_holes_of_its_own_kind() => Verify.FixAsync(""""
        using System;

        class C
        {
            string Json(string tenant) => $$"""{|TVX0001:{"key": "tvx_sk_test_4f9a8b7c6d5e", "tenant": "|}{{tenant}}"}""";
        }
        """", """"
        using System;

        class C
        {
            string Json(string tenant) => $$"""{"key": "{{Environment.GetEnvironmentVariable("TRYVOX_API_KEY")}}", "tenant": "{{tenant}}"}""";
        }
        """");

    [Fact]
    public Task A_const_becomes_static_readonly_and_a_const_local_an_ordinary_local() => Verify.FixAsync("""
        using System;

        class C
        {
            // The dashboard's key.
            private const string Key = {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|};

            string Use()
            {
                const string local = {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|};
                return Key + local;
            }
        }
        """, """
        using System;

        class C
        {
            // The dashboard's key.
            private static readonly string Key = Environment.GetEnvironmentVariable("TRYVOX_API_KEY");

            string Use()
            {
                string local = Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
                return Key + local;
            }
        }
        """);

    [Fact]
    public Task No_fix_where_only_a_constant_may_stand() => Verify.NoFixAsync("""
        using System;
        using System.ComponentModel;

        class C
        {
            // Another constant, a case label and an attribute need Key as a constant: it stays const.
            const string Key = {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|};
            const string Header = "Bearer " + Key;

            [Description({|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|})]
            string Match(string key, string fallback = {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|}) => key switch
            {
                {|TVX0001:"tvx_sk_test_abcd1234efgh"|} => "sandbox",
                Key => "live",
                _ => fallback,
            };

            string Statement(string key)
            {
                switch (key)
                {
                    case {|TVX0001:"tvx_sk_test_abcd1234efgh"|}:
                        return "sandbox";
                    default:
                        return Header;
                }
            }

            // A string cannot stand where UTF-8 bytes are expected.
            ReadOnlySpan<byte> Bytes() => {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"u8|};
        }
        """);

    [Fact]
    public Task Fix_all_fixes_every_key_in_every_file() => Verify.FixAsync(
        [
            """
            using System;

            static class Keys
            {
                public const string Live = {|TVX0001:"tvx_sk_live_4f9a8b7c6d5e1234"|}, Sandbox = {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|};
                public static string Header => $"{|TVX0001:Bearer tvx_sk_live_4f9a8b7c6d5e1234 or tvx_sk_test_4f9a8b7c6d5e|}";
            }
            """,
            """
            using TryVox.Client;

            class C
            {
                TryVoxClientOptions Options() => new() { ApiKey = {|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|} };
                string Nested() => $"{|TVX0001:tvx_sk_live_4f9a8b7c6d5e1234 |}{{|TVX0001:"tvx_sk_test_4f9a8b7c6d5e"|}}";
                string Again() => Keys.Live + Keys.Sandbox;
            }
            """,
        ],
        [
            """
            using System;

            static class Keys
            {
                public static readonly string Live = Environment.GetEnvironmentVariable("TRYVOX_API_KEY"), Sandbox = Environment.GetEnvironmentVariable("TRYVOX_API_KEY");
                public static string Header => $"Bearer {Environment.GetEnvironmentVariable("TRYVOX_API_KEY")} or {Environment.GetEnvironmentVariable("TRYVOX_API_KEY")}";
            }
            """,
            """
            using TryVox.Client;

            class C
            {
                TryVoxClientOptions Options() => new() { ApiKey = System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY") };
                string Nested() => $"{System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY")} {System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY")}";
                string Again() => Keys.Live + Keys.Sandbox;
            }
            """,
        ]);
}
