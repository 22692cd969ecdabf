using System.Globalization;

namespace TryVox.Benchmarks.Operations;

/// <summary>
/// Each client's result as one line of text, so the three can be compared with what the server sent:
/// every field of a call (those the spec lacks too, where the client keeps them), the count and the first and last
/// calls of a list, status, code and message of an error.
/// </summary>
internal static class Describe
{
    public static string Call(CannedCall c) => Call(c, unknownFields: false);

    /// <summary>The call as sent; with <paramref name="unknownFields"/>, the fields the spec lacks (<see cref="Payloads.UnknownFields"/>) too.</summary>
    public static string Call(CannedCall c, bool unknownFields) => Call(c.Id, c.From, c.To, c.AnswerUrl, c.Status, new DateTimeOffset(c.CreatedAt)) +
        (unknownFields ? Unknown(Payloads.UnknownFields.Select(f => KeyValuePair.Create(f.Name, f.Value))) : "");

    /// <summary>The floor's models have no place for fields the spec lacks: it reads the spec's and skips the rest.</summary>
    public static string Call(FloorCall? c) => Call(c?.Id, c?.From, c?.To, c?.AnswerUrl, c?.Status, c?.CreatedAt);

    public static string Call(NSwagApi.Call? c) => Call(c?.Id, c?.From, c?.To, c?.Answer_url, c?.Status, c?.Created_at) + Unknown(c?.AdditionalProperties);

    public static string Call(Call? c) => Call(c?.Id, c?.From, c?.To, c?.AnswerUrl, c?.Status, c?.CreatedAt) + Unknown(c?.AdditionalData);

    public static string Calls<T>(ICollection<T>? calls, Func<T, string> describe) =>
        calls is null or { Count: 0 } ? "no calls" : $"{calls.Count} calls, first {describe(calls.First())}, last {describe(calls.Last())}";

    public static string Numbers<T>(IEnumerable<T>? numbers, Func<T, (string? E164, string? Country, string? Status)> fields) =>
        numbers is null ? "no numbers" : string.Join("; ", numbers.Select(fields).Select(n => $"{n.E164} {n.Country} {n.Status}"));

    public static string Error(int status, string? code, string? message) => $"{status} {code}: {message}";

    /// <summary>The fields the spec lacks, as each client keeps them (NSwag: <c>JsonElement</c>s; TryVox: Kiota's values).</summary>
    private static string Unknown(IEnumerable<KeyValuePair<string, object>>? fields) =>
        fields?.Any() == true ? " + " + string.Join(" ", fields.Select(f => $"{f.Key}={Convert.ToString(f.Value, CultureInfo.InvariantCulture)}")) : "";

    private static string Call(string? id, string? from, string? to, string? answerUrl, string? status, DateTimeOffset? createdAt) =>
        $"{id} {from} {to} {answerUrl} {status} {createdAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}";
}
