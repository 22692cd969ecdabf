using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Growth.Driver;

/// <summary>
/// Kiota's own JSON parse node and writer, the reference for what the client reads: a value the client read is
/// written with Kiota's writer, and compared with the same body read by Kiota's parse node and written the same way.
/// </summary>
internal static class Kiota
{
    /// <summary>How to read a body as Kiota does, and how to write a value back as JSON.</summary>
    public sealed record Shape<T>(Func<JsonParseNode, T?> Read, Action<JsonSerializationWriter, T?> Write)
    {
        /// <summary><paramref name="json"/> read by Kiota's parse node, written back by Kiota's writer.</summary>
        public string AsKiotaReadsIt(string json) => Written(Read(new JsonParseNode(JsonDocument.Parse(json).RootElement)));

        public string Written(T? value)
        {
            using var writer = new JsonSerializationWriter();
            Write(writer, value);
            using var content = writer.GetSerializedContent();
            using var reader = new StreamReader(content, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    public static Shape<T> Model<T>(ParsableFactory<T> factory) where T : IParsable =>
        new(node => node.GetObjectValue(factory), (writer, value) => writer.WriteObjectValue(null, value));

    public static Shape<List<T>> Models<T>(ParsableFactory<T> factory) where T : IParsable =>
        new(node => node.GetCollectionOfObjectValues(factory)?.ToList(), (writer, value) => writer.WriteCollectionOfObjectValues(null, value));

    public static readonly Shape<List<string>> Strings =
        new(node => node.GetCollectionOfPrimitiveValues<string>()?.ToList(), (writer, value) => writer.WriteCollectionOfPrimitiveValues(null, value));

    public static readonly Shape<double?> Number = new(node => node.GetDoubleValue(), (writer, value) => writer.WriteDoubleValue(null, value));
}
