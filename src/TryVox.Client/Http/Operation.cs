using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Kiota.Abstractions;
using KiotaMethod = Microsoft.Kiota.Abstractions.Method;

namespace TryVox.Client.Http;

/// <summary>
/// What the client knows of an operation from its request builder's URL template and method: its name for
/// errors, logs and metrics, whether it may be sent again, and how its URL is put together. Worked out once
/// per template, from the template alone, so an operation the spec gains later is handled the same way.
/// </summary>
internal sealed class Operation
{
    private const string BaseUrlParameter = "baseurl";
    private const string RawUrlParameter = "request-raw-url";

    private static readonly ConcurrentDictionary<(string Template, KiotaMethod Method), Operation> Known = new();

    /// <summary>The parts of a template that the client expands itself; <c>null</c> when Kiota's expansion is needed.</summary>
    private readonly Part[]? _parts;

    /// <summary>The names of the template's path parameters, as they appear in <see cref="RequestInformation.PathParameters"/>.</summary>
    private readonly string[] _pathParameters;

    /// <summary>The URL built last, with what it was built from.</summary>
    private LastUrl? _lastUrl;

    private Operation(string template, KiotaMethod method)
    {
        Method = method.ToString();
        HttpMethod = HttpMethod.Parse(Method);
        Repeatable = method is KiotaMethod.GET or KiotaMethod.HEAD or KiotaMethod.OPTIONS;
        var path = template.Replace("{+" + BaseUrlParameter + "}", string.Empty, StringComparison.Ordinal);
        var query = path.IndexOf("{?", StringComparison.Ordinal);
        PathTemplate = query < 0 ? path : path[..query];
        Name = $"{Method} {PathTemplate}";
        (_parts, _pathParameters) = Parse(template);
    }

    /// <summary>The method, such as <c>POST</c>.</summary>
    public string Method { get; }

    public HttpMethod HttpMethod { get; }

    /// <summary>Sending it twice does no harm (GET, HEAD, OPTIONS); anything else may act on the server, like a create-call.</summary>
    public bool Repeatable { get; }

    /// <summary>The path template without the base URL or query, such as <c>/voice/accounts/{auth_id}/calls</c>.</summary>
    public string PathTemplate { get; }

    /// <summary><c>POST /voice/accounts/{auth_id}/calls</c>: names the operation without ids, keys or query.</summary>
    public string Name { get; }

    /// <summary>The client builds this operation's URLs itself; a template with other expressions is left to Kiota's expansion.</summary>
    public bool ExpandsItself => _parts is not null;

    public static Operation Of(RequestInformation request) =>
        Known.GetOrAdd((request.UrlTemplate ?? string.Empty, request.HttpMethod), static key => new Operation(key.Template, key.Method));

    /// <summary>
    /// The request's URL on <paramref name="baseUrl"/>. Every path parameter must fill exactly one path segment:
    /// one that is empty, <c>.</c> or <c>..</c> (also once percent-decoded) would make <see cref="Uri"/> address
    /// another path, so it is refused before anything is sent; every other value is percent-encoded.
    /// </summary>
    /// <exception cref="ArgumentException">A path parameter is missing, empty, <c>.</c> or <c>..</c>.</exception>
    public Uri Url(RequestInformation request, string baseUrl)
    {
        var parameters = request.PathParameters;
        if (parameters.TryGetValue(RawUrlParameter, out var raw) && raw is string rawUrl)
        {
            // WithUrl: the caller's URL as given; the adapter still checks its origin before sending the key.
            return new Uri(rawUrl);
        }

        foreach (var name in _pathParameters)
        {
            CheckSegment(name, parameters.TryGetValue(name, out var value) ? value : null);
        }

        if (_parts is null || !IsPlain(request))
        {
            parameters[BaseUrlParameter] = baseUrl;
            return request.URI;
        }

        // Most applications address one account over and over: the same URL needs no second parse.
        if (Volatile.Read(ref _lastUrl) is { } last && last.IsFor(baseUrl, parameters, _pathParameters))
        {
            return last.Url;
        }

        var url = new DefaultInterpolatedStringHandler(0, _parts.Length);
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.BaseUrl:
                    url.AppendLiteral(baseUrl);
                    break;
                case PartKind.Literal:
                    url.AppendLiteral(part.Text);
                    break;
                case PartKind.Query:
                    // Only reached when none of its parameters has a value: it expands to nothing.
                    break;
                default:
                    // RFC 6570 simple expansion: everything but unreserved characters is percent-encoded, '/' included.
                    url.AppendLiteral(Uri.EscapeDataString((string)parameters[part.Text]));
                    break;
            }
        }

        var built = new Uri(url.ToStringAndClear());
        Volatile.Write(ref _lastUrl, new LastUrl(baseUrl, [.. _pathParameters.Select(name => (string)parameters[name])], built));
        return built;
    }

    /// <summary>String path parameters and no query values: the client's own expansion gives what Kiota's would.</summary>
    private bool IsPlain(RequestInformation request)
    {
        foreach (var part in _parts!)
        {
            var plain = part.Kind switch
            {
                PartKind.Parameter => request.PathParameters[part.Text] is string,
                PartKind.Query => !HasAnyValue(request.QueryParameters, part.Names!),
                _ => true,
            };
            if (!plain)
            {
                return false;
            }
        }

        return true;
    }

    // A loop, not Any with a lambda: the lambda would capture the request, and that closure is allocated on every call.
    private static bool HasAnyValue(IDictionary<string, object> query, string[] names)
    {
        foreach (var name in names)
        {
            if (query.TryGetValue(name, out var value) && value is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckSegment(string name, object? value)
    {
        var text = value as string ?? (value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture));
        var decoded = text is not null && text.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(text) : text;
        if (decoded is null or "" or "." or "..")
        {
            var shown = Uri.UnescapeDataString(name);
            var what = text is null ? "missing" : text.Length == 0 ? "empty" : text == decoded ? $"\"{text}\"" : $"\"{text}\", which is \"{decoded}\" once decoded";
            throw new ArgumentException(
                $"The path parameter {shown} is {what}. A path parameter must be a non-empty id other than \".\" or \"..\", " +
                "which would make the request address another path; pass the id itself, such as AC123456 for an account.", shown);
        }

        // An unpaired surrogate cannot be percent-encoded: it would go out as U+FFFD, another id than the one given.
        for (var i = 0; i < text!.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new ArgumentException(
                    $"The path parameter {Uri.UnescapeDataString(name)} holds an unpaired UTF-16 surrogate at position {i + 1}, which a URL cannot carry; " +
                    "pass the id as valid text.", Uri.UnescapeDataString(name));
            }
        }
    }

    /// <summary>
    /// Splits a Kiota template into literal text, the base URL and simple <c>{name}</c> expressions. A template with
    /// any other expression (a query, reserved or exploded expansion) keeps Kiota's expansion; its path parameters
    /// are still checked.
    /// </summary>
    private static (Part[]? Parts, string[] PathParameters) Parse(string template)
    {
        var parts = new List<Part>();
        var pathParameters = new List<string>();
        var plain = true;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add(new Part(PartKind.Literal, template[position..]));
                break;
            }

            if (open > position)
            {
                parts.Add(new Part(PartKind.Literal, template[position..open]));
            }

            var close = template.IndexOf('}', open);
            var expression = template[(open + 1)..close];
            position = close + 1;
            if (expression == "+" + BaseUrlParameter)
            {
                parts.Add(new Part(PartKind.BaseUrl, BaseUrlParameter));
            }
            else if (expression.Length > 0 && expression[0] != '.' && expression.AsSpan().IndexOfAnyExcept(NameCharacters) < 0)
            {
                parts.Add(new Part(PartKind.Parameter, expression));
                pathParameters.Add(expression);
            }
            else if (expression[0] is '?' or '&' && expression.AsSpan(1).IndexOfAnyExcept(QueryCharacters) < 0)
            {
                // Kiota writes {?limit*,status*}: an exploded list names its parameter without the '*'.
                parts.Add(new Part(PartKind.Query, expression, [.. expression[1..].Split(',').Select(name => name.TrimEnd('*'))]));
            }
            else
            {
                plain = false;
                if (expression[0] is not ('?' or '&'))
                {
                    // Any other expression in the path ({+x}, {/x}, {x*}) fills path segments too.
                    pathParameters.AddRange(expression.TrimStart('+', '#', '.', '/', ';').Split(',').Select(n => n.TrimEnd('*').Split(':')[0]));
                }
            }
        }

        return (plain ? [.. parts] : null, [.. pathParameters]);
    }

    // RFC 6570: a name may hold '.' but not start with it ({.x} is a label expansion).
    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.%");

    private static readonly System.Buffers.SearchValues<char> QueryCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.%,*");

    private enum PartKind
    {
        Literal,
        BaseUrl,
        Parameter,
        Query,
    }

    private readonly record struct Part(PartKind Kind, string Text, string[]? Names = null);

    private sealed class LastUrl(string baseUrl, string[] values, Uri url)
    {
        public Uri Url { get; } = url;

        public bool IsFor(string currentBaseUrl, IDictionary<string, object> parameters, string[] names)
        {
            if (!string.Equals(baseUrl, currentBaseUrl, StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (!string.Equals(values[i], (string)parameters[names[i]], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
