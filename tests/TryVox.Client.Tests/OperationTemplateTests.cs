using Microsoft.Kiota.Abstractions;
using TryVox.Client.Http;

namespace TryVox.Client.Tests;

/// <summary>
/// Operations the spec may gain: whatever the URL template (more path parameters, a query, a reserved or exploded
/// expansion) and method, the client names the operation, decides whether it may be re-sent, refuses ids that would
/// leave their segment, and builds exactly the URL Kiota's own template expansion builds. Each case uses a template
/// of its own, so the operation is worked out afresh rather than taken from the process-wide cache.
/// </summary>
public sealed class OperationTemplateTests
{
    private const string BaseUrl = "https://api.tryvox.io/v1";

    public static TheoryData<string, Method, bool, bool> Shapes => new()
    {
        // Template, method, whether it may be re-sent, and whether the client expands it itself (else Kiota does).
        { "/accounts/{account_id}/calls", Method.GET, true, true },
        { "/accounts/{account_id}/calls/{call_id}", Method.DELETE, false, true },
        { "/accounts/{account_id}/calls{?status,page%2Dsize}", Method.GET, true, true },
        { "/accounts/{account_id}/calls/{call_id}{?fields*}", Method.PATCH, false, true },
        { "/accounts/{account_id}/calls{?limit*,status*}", Method.GET, true, true },
        { "/accounts/{account_id}/files/{+path}", Method.PUT, false, false },
        { "/accounts/{account_id}/files/{.path}", Method.PUT, false, false },
        { "/accounts/{account_id}/calls{?status}{&after}", Method.HEAD, true, true },
        { "/accounts/{account_id}/calls", Method.OPTIONS, true, true },
        { "/accounts/{account_id}/calls", Method.POST, false, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_new_operation_is_named_by_method_and_path_and_only_safe_methods_may_be_re_sent(string path, Method method, bool repeatable, bool expandsItself)
    {
        var (template, prefix) = Unique(path);

        var operation = Operation.Of(Request(template, method));

        var pathTemplate = prefix + path[..(path.IndexOf("{?", StringComparison.Ordinal) is >= 0 and var q ? q : path.Length)];
        Assert.Equal((method.ToString(), pathTemplate, $"{method} {pathTemplate}", repeatable, expandsItself),
            (operation.Method, operation.PathTemplate, operation.Name, operation.Repeatable, operation.ExpandsItself));
        Assert.Equal(method.ToString(), operation.HttpMethod.Method);
    }

    public static TheoryData<string, string, string?> Urls
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            string[] paths =
            [
                "/accounts/{account_id}/calls",
                "/accounts/{account_id}/calls/{call_id}",
                "/accounts/{account_id}/calls{?status,page%2Dsize}",
                "/accounts/{account_id}/calls/{call_id}{?fields*}",
                "/accounts/{account_id}/calls{?status}{&after}",
                "/accounts/{account_id}/calls{?limit*,status*}",
            ];
            string[] ids = ["AC123456", "a b", "a/b", "50%", "x?y#z", "é✓😀", "...", "a/../b", "%2F"];
            foreach (var path in paths)
            {
                foreach (var id in ids)
                {
                    data.Add(path, id, null);
                    data.Add(path, id, "queued & ringing");
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public void The_url_is_the_one_Kiotas_template_expansion_gives(string path, string id, string? status)
    {
        var (template, _) = Unique(path);
        var request = Request(template, Method.GET, id, status);

        var url = Operation.Of(request).Url(request, BaseUrl);

        Assert.Equal(KiotaUrl(template, id, status), url.AbsoluteUri);
        // The same request again is the same URL, whether worked out afresh or remembered.
        Assert.Equal(url.AbsoluteUri, Operation.Of(request).Url(Request(template, Method.GET, id, status), BaseUrl).AbsoluteUri);
    }

    [Fact]
    public void The_url_changes_with_the_id_and_the_base_url_though_the_last_one_is_remembered()
    {
        var (template, prefix) = Unique("/accounts/{account_id}/calls/{call_id}");
        var operation = Operation.Of(Request(template, Method.GET));

        Assert.Equal($"{BaseUrl}{prefix}/accounts/AC1/calls/call_1", operation.Url(Request(template, Method.GET, "AC1", callId: "call_1"), BaseUrl).AbsoluteUri);
        Assert.Equal($"{BaseUrl}{prefix}/accounts/AC1/calls/call_2", operation.Url(Request(template, Method.GET, "AC1", callId: "call_2"), BaseUrl).AbsoluteUri);
        Assert.Equal($"{BaseUrl}{prefix}/accounts/AC2/calls/call_2", operation.Url(Request(template, Method.GET, "AC2", callId: "call_2"), BaseUrl).AbsoluteUri);
        Assert.Equal($"http://127.0.0.1:5000/v1{prefix}/accounts/AC2/calls/call_2",
            operation.Url(Request(template, Method.GET, "AC2", callId: "call_2"), "http://127.0.0.1:5000/v1").AbsoluteUri);
    }

    [Theory]
    [InlineData("/accounts/{account_id}/calls/{call_id}", "call_id")]
    [InlineData("/accounts/{account_id}/calls/{call_id}{?fields*}", "call_id")]
    [InlineData("/accounts/{account_id}/files/{+path}", "path")]
    [InlineData("/accounts/{account_id}/calls/{call_id}{?status}{&after}", "call_id")]
    [InlineData("/accounts/{account_id}/files/{path*}", "path")]
    [InlineData("/accounts/{account_id}/files{/path}", "path")]
    [InlineData("/accounts/{account_id}/files/{path:3}", "path")]
    [InlineData("/accounts/{account_id}/files/{#path}", "path")]
    [InlineData("/accounts/{account_id}/files/{.path}", "path")]
    [InlineData("/accounts/{account_id}/files/{;path}", "path")]
    [InlineData("/accounts/{account_id}/files/{+call_id,path}", "call_id")]
    [InlineData("/accounts/{account_id}/files/{+call_id,path}", "path")]
    public void Every_path_parameter_of_a_new_template_is_checked(string path, string parameter)
    {
        var (template, _) = Unique(path);
        foreach (var bad in new[] { "..", ".", "", "%2e%2E", "\ud800" })
        {
            var request = Request(template, Method.GET);
            request.PathParameters[parameter] = bad;

            var refused = Assert.Throws<ArgumentException>(() => Operation.Of(request).Url(request, BaseUrl));

            Assert.Equal(parameter, refused.ParamName);
        }

        var missing = Request(template, Method.GET);
        missing.PathParameters.Remove(parameter);
        Assert.Contains($"The path parameter {parameter} is missing.", Assert.Throws<ArgumentException>(() => Operation.Of(missing).Url(missing, BaseUrl)).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string> Refusals => new()
    {
        { null, "is missing. A path parameter must be a non-empty id other than \".\" or \"..\", which would make the request address another path; pass the id itself, such as AC123456 for an account." },
        { "", "is empty. A path parameter" },
        { ".", "is \".\". A path parameter" },
        { "..", "is \"..\". A path parameter" },
        { "%2e%2E", "is \"%2e%2E\", which is \"..\" once decoded. A path parameter" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_path_parameter_is_named_as_the_spec_names_it_with_what_is_wrong_and_how_to_fix_it(string? value, string problem)
    {
        // The name as Kiota writes it in the template is percent-encoded; the message and ParamName use the spec's name.
        var (template, _) = Unique("/accounts/{account_id}/calls/{call%2Did}");
        var request = Request(template, Method.GET);
        if (value is not null)
        {
            request.PathParameters["call%2Did"] = value;
        }

        var refused = Assert.Throws<ArgumentException>(() => Operation.Of(request).Url(request, BaseUrl));

        Assert.StartsWith($"The path parameter call-id {problem}", refused.Message, StringComparison.Ordinal);
        Assert.Equal("call-id", refused.ParamName);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_at_its_position()
    {
        // Cases in the body, not theory data: xunit would turn a lone surrogate in theory data into U+FFFD.
        var (template, _) = Unique("/accounts/{account_id}/calls/{call_id}");
        foreach (var (value, position) in new[] { ("\ud800", 1), ("ab\udc00", 3), ("\ud83d\ude00\ud83d", 3), ("x\ud83d", 2) })
        {
            var request = Request(template, Method.GET, callId: value);

            var refused = Assert.Throws<ArgumentException>(() => Operation.Of(request).Url(request, BaseUrl));

            Assert.Equal($"The path parameter call_id holds an unpaired UTF-16 surrogate at position {position}, which a URL cannot carry; pass the id as valid text. (Parameter 'call_id')", refused.Message);
        }
    }

    [Fact]
    public void A_valid_surrogate_pair_is_sent_percent_encoded_as_UTF_8()
    {
        var (template, prefix) = Unique("/accounts/{account_id}/calls");
        var request = Request(template, Method.GET, "\ud83d\ude00x");

        Assert.Equal($"{BaseUrl}{prefix}/accounts/%F0%9F%98%80x/calls", Operation.Of(request).Url(request, BaseUrl).AbsoluteUri);
    }

    [Fact]
    public void A_path_parameter_that_is_not_a_string_is_expanded_as_Kiota_expands_it()
    {
        var (template, prefix) = Unique("/accounts/{account_id}/pages/{page}");
        var request = Request(template, Method.GET);
        request.PathParameters["page"] = 42;

        Assert.Equal($"{BaseUrl}{prefix}/accounts/AC123456/pages/42", Operation.Of(request).Url(request, BaseUrl).AbsoluteUri);

        request.PathParameters["page"] = 0;
        Assert.Equal($"{BaseUrl}{prefix}/accounts/AC123456/pages/0", Operation.Of(request).Url(request, BaseUrl).AbsoluteUri);
    }

    private static (string Template, string Prefix) Unique(string path)
    {
        var prefix = $"/t{Guid.NewGuid():N}";
        return ("{+baseurl}" + prefix + path, prefix);
    }

    private static RequestInformation Request(string template, Method method, string id = "AC123456", string? status = null, string callId = "call_7f3c2a")
    {
        var request = new RequestInformation { HttpMethod = method, UrlTemplate = template };
        request.PathParameters["account_id"] = id;
        request.PathParameters["call_id"] = callId;
        request.PathParameters["path"] = "recordings/2026/a.wav";
        request.PathParameters["page"] = "1";
        if (status is not null)
        {
            request.QueryParameters["status"] = status;
            request.QueryParameters["page%2Dsize"] = 50;
            request.QueryParameters["fields"] = new[] { "id", "to" };
            request.QueryParameters["after"] = "call_1";
        }

        return request;
    }

    private static string KiotaUrl(string template, string id, string? status)
    {
        var request = Request(template, Method.GET, id, status);
        request.PathParameters["baseurl"] = BaseUrl;
        return request.URI.AbsoluteUri;
    }
}
