using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace TryVox.Client.Placement;

/// <summary>
/// The hash a placement key's body is compared by: SHA-256 of its canonical JSON (object members sorted by name,
/// no whitespace, strings re-escaped one way), so the same request written another way is the same body. A body that
/// is not JSON is hashed as it is.
/// </summary>
internal static class BodyFingerprint
{
    public static string Of(ReadOnlyMemory<byte> body)
    {
        var hashed = body.Span;
        var canonical = new ArrayBufferWriter<byte>(Math.Max(body.Length, 16));
        try
        {
            using var document = JsonDocument.Parse(body);
            using var writer = new Utf8JsonWriter(canonical);
            Write(writer, document.RootElement);
            writer.Flush();
            hashed = canonical.WrittenSpan;
        }
        catch (JsonException)
        {
            // Not JSON: its bytes are what there is to compare.
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(hashed, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers, true, false and null as written: 1 and 1.0 are different bodies.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
