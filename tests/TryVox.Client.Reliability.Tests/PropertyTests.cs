using System.Net;
using CsCheck;
using Microsoft.Kiota.Abstractions;
using TryVox.Client.Authentication;
using TryVox.Client.RequestOptions;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// Random and adversarial ids, tenants and keys (CsCheck, with shrinking to the smallest failing input): no request
/// leaves the account's path, no header carries CR or LF, no exception shows the key.
/// </summary>
public sealed class PropertyTests
{
    private const int Cases = 1500;

    /// <summary>Strings built to break paths, headers and parsers, beside purely random ones.</summary>
    private static readonly Gen<string> Adversarial = Gen.Frequency(
        (3, Gen.String),
        (3, Gen.String["./%2eEfF\\?#&=+ ;:@aZ0\r\n\t\0"]),
        (1, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.OneOf(
            "", ".", "..", "...", "%2e", "%2E", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%252e%252e", "%2F", "/", "../", "/..", "..\\", "..%2f",
            "a/../b", "AC1/../../admin", "%00", "\0", "\r\n", "%0d%0aX-Injected: 1", "AC1\r\nX-Injected: 1", "\uFF0E\uFF0E", "\u2024\u2024",
            "%", "%%", "%zz", "%e2%80%a8", "\uD800", "\uDC00x", "é", "😀", " ", "?x=1", "#frag", "AC123456")));

    public static TheoryData<string> PathShapes => ["calls GET", "calls POST", "numbers GET"];

    [Theory]
    [MemberData(nameof(PathShapes))]
    public void A_path_id_is_refused_or_fills_exactly_one_segment_of_the_accounts_path(string shape)
    {
        Adversarial.Sample(id =>
        {
            var api = new InMemoryApi(_ => InMemoryApi.Json(HttpStatusCode.OK, "{}"));
            var client = api.Client();
            var (parameter, before, after) = shape == "numbers GET" ? ("account_id", "/v1/account/", "/numbers") : ("auth_id", "/v1/voice/accounts/", "/calls");
            Func<Task> send = shape switch
            {
                "calls GET" => () => client.Voice.Accounts[id].Calls.GetAsync(),
                "calls POST" => () => client.Voice.Accounts[id].Calls.PostAsync(Wire.NewCall()),
                _ => () => client.Account[id].Numbers.GetAsync(),
            };

            var error = Record.ExceptionAsync(send).GetAwaiter().GetResult();

            var decoded = Uri.UnescapeDataString(id);
            if (decoded is "" or "." or ".." || !IsValidText(id))
            {
                Assert.Equal(parameter, Assert.IsType<ArgumentException>(error).ParamName);
                Assert.Empty(api.Sent);
                return;
            }

            Assert.True(error is null or ApiException, $"{error}");
            var sent = Assert.Single(api.Sent).RequestUri!;
            Assert.Equal((InMemoryApi.BaseUrl.Host, InMemoryApi.BaseUrl.Port, string.Empty, string.Empty), (sent.Host, sent.Port, sent.Query, sent.Fragment));
            var path = sent.AbsolutePath;
            Assert.StartsWith(before, path, StringComparison.Ordinal);
            Assert.EndsWith(after, path, StringComparison.Ordinal);
            var segment = path[before.Length..^after.Length];
            Assert.DoesNotContain('/', segment);
            Assert.Equal(id, Uri.UnescapeDataString(segment));
        }, iter: Cases, threads: 1);
    }

    [Fact]
    public void A_tenant_id_is_refused_unless_it_is_1_to_128_printable_ASCII_characters_without_a_comma_and_then_is_sent_as_given()
    {
        Gen.Frequency((4, Adversarial), (1, Text("abcXYZ09_-!~,", 1, 140))).Sample(tenant =>
        {
            var valid = tenant.Length is >= 1 and <= 128 && tenant.All(c => c is >= '!' and <= '~' and not ',');
            var api = new InMemoryApi(_ => InMemoryApi.Json(HttpStatusCode.OK, """{"data":[]}"""));

            var byOptions = Record.Exception(() => { api.Client(tenantId: tenant); });
            var byRequest = Record.ExceptionAsync(() => api.Client().Voice.Accounts["AC123456"].Calls.GetAsync(r => r.Options.Add(new TenantOption(tenant)))).GetAwaiter().GetResult();

            if (!valid)
            {
                Assert.Equal("tenantId", Assert.IsType<ArgumentException>(byOptions).ParamName);
                Assert.Equal("tenantId", Assert.IsType<ArgumentException>(byRequest).ParamName);
                Assert.Empty(api.Sent);
                return;
            }

            Assert.Null(byOptions);
            Assert.Null(byRequest);
            var sent = Assert.Single(api.Sent);
            Assert.Equal([tenant], sent.Headers.GetValues(TenantHeader.Name));
            AssertNoLineBreakInAnyHeader(sent);
        }, iter: Cases, threads: 1);
    }

    [Fact]
    public void An_api_key_is_refused_or_sent_only_in_Authorization_and_no_exception_ever_shows_it()
    {
        var prefixes = Gen.OneOf("tvx_sk_live_", "tvx_sk_test_", "tvx_sk_", "TVX_SK_LIVE_", " tvx_sk_test_", string.Empty);
        var secrets = Gen.Frequency((3, Text("ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789_-", 8, 48)), (1, Adversarial.Where(s => s.Length >= 8)));
        var failures = Gen.Int[0, 5];
        Gen.Select(prefixes, secrets, failures).Sample((prefix, secret, failure) =>
        {
            var key = prefix + secret;
            var api = new InMemoryApi(_ => failure switch
            {
                0 => InMemoryApi.Json(HttpStatusCode.Unauthorized, """{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing API key"}}"""),
                1 => InMemoryApi.Bytes(HttpStatusCode.InternalServerError, "<html>upstream failed</html>"u8.ToArray(), "text/html"),
                2 => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)"),
                3 => InMemoryApi.Json(HttpStatusCode.Created, """{"id":"call_1","from":"""),
                4 => throw new TaskCanceledException("The attempt timed out."),
                _ => InMemoryApi.Json(HttpStatusCode.Created, Wire.CallJson),
            });

            var errors = new List<Exception>();
            TryVoxClient? client = null;
            try
            {
                client = api.Client(apiKey: key);
            }
            catch (ArgumentException e)
            {
                errors.Add(e);
            }

            if (client is not null)
            {
                var error = Record.ExceptionAsync(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall())).GetAwaiter().GetResult();
                if (error is not null)
                {
                    errors.Add(Assert.IsAssignableFrom<ApiException>(error));
                }

                var sent = Assert.Single(api.Sent);
                Assert.Equal($"Bearer {key}", Assert.Single(sent.Headers.GetValues("Authorization")));
                AssertNoLineBreakInAnyHeader(sent);
                Assert.DoesNotContain(secret, client.ToString(), StringComparison.Ordinal);
            }

            Assert.All(errors, e => Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal));

            // Rotation: a refused key leaves the current one in use, and the reason never shows it.
            var credential = new TryVoxCredential(Wire.Key);
            var rotated = credential.TryUpdate(key, out var problem);
            Assert.Equal(client is not null, rotated);
            Assert.DoesNotContain(secret, problem ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, credential.ToString(), StringComparison.Ordinal);
            var rotatedApi = new InMemoryApi(_ => InMemoryApi.Json(HttpStatusCode.OK, """{"data":[]}"""));
            using var rotatedClient = new TryVoxClient(new TryVoxClientOptions { Credential = credential, BaseUrl = InMemoryApi.BaseUrl, PrimaryHandler = rotatedApi });
            rotatedClient.Account["AC123456"].Numbers.GetAsync().GetAwaiter().GetResult();
            Assert.Equal($"Bearer {(rotated ? key : Wire.Key)}", Assert.Single(Assert.Single(rotatedApi.Sent).Headers.GetValues("Authorization")));
        }, iter: Cases, threads: 1);
    }

    /// <summary>No unpaired surrogate: the text has a UTF-8 form, so a URL can carry it.</summary>
    private static bool IsValidText(string text) => System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    private static Gen<string> Text(string alphabet, int min, int max) => Gen.Char[alphabet].Array[min, max].Select(chars => new string(chars));

    private static void AssertNoLineBreakInAnyHeader(HttpRequestMessage sent)
    {
        var headers = sent.Headers.NonValidated.Concat(sent.Content?.Headers.NonValidated ?? default);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                Assert.False(value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0, $"{name} carries a line break or NUL");
            }
        }
    }
}
