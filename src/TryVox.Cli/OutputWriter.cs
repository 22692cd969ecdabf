using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TryVox.Client.Models;

namespace TryVox.Cli;

/// <summary>
/// Prints API results as an aligned table, or as JSON in the API's own wire shape (snake_case,
/// unknown fields kept) written by the SDK's serializer: no reflection, so trim/AOT-safe.
/// </summary>
internal sealed class OutputWriter(TextWriter writer, bool json)
{
    private static readonly string[] CallColumns = ["ID", "STATUS", "FROM", "TO", "CREATED", "ANSWER URL"];
    private static readonly string[] NumberColumns = ["E164", "COUNTRY", "STATUS"];

    // Relaxed escaping keeps "+919876543210" readable; the default encoder writes "\u002B919876543210".
    private static readonly KiotaJsonSerializationContext JsonContext =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public void Call(Call call) => Write(call, CallColumns, [CallRow(call)], "");

    public void Calls(CallList list) =>
        Write(list, CallColumns, (list.Data ?? []).Select(CallRow).ToList(), "No calls.");

    public void Numbers(PhoneNumberList list) =>
        Write(list, NumberColumns, (list.Data ?? []).Select(n => new[] { n.E164, n.Country, n.Status }).ToList(), "No numbers.");

    private void Write(IParsable value, string[] columns, List<string?[]> rows, string empty)
    {
        if (json)
        {
            using var serializer = new JsonSerializationWriter(JsonContext);
            serializer.WriteObjectValue(null, value);
            using var reader = new StreamReader(serializer.GetSerializedContent());
            writer.WriteLine(reader.ReadToEnd());
        }
        else if (rows.Count == 0)
        {
            writer.WriteLine(empty);
        }
        else
        {
            WriteTable(columns, rows);
        }
    }

    private static string?[] CallRow(Call call) =>
        [call.Id, call.Status, call.From, call.To, call.CreatedAt?.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture), call.AnswerUrl];

    private void WriteTable(string[] columns, List<string?[]> rows)
    {
        var cells = rows.Select(row => row.Select(cell => string.IsNullOrEmpty(cell) ? "-" : cell).ToArray()).Prepend(columns).ToList();
        var widths = columns.Select((_, i) => cells.Max(row => row[i].Length)).ToArray();
        foreach (var row in cells)
        {
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        }
    }
}
