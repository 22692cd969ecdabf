using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace TryVox.Client.Serialization;

/// <summary>
/// Fills a model's <see cref="IAdditionalDataHolder.AdditionalData"/> with the properties its schema does not
/// know, exactly as Kiota does (its dates, numbers and untyped nodes): Kiota's own parse node reads the object
/// into a stand-in whose deserializers are the model's known names, doing nothing, and whose additional data is
/// the model's. Only objects with unknown properties take this path.
/// </summary>
internal static class AdditionalDataReader
{
    private static readonly Action<IParseNode> Ignore = static _ => { };

    /// <summary>The deserializers of the stand-in for a model with these JSON property names.</summary>
    public static IDictionary<string, Action<IParseNode>> Known(string[] names) => names.ToDictionary(name => name, _ => Ignore, StringComparer.Ordinal);

    public static void Read(IAdditionalDataHolder item, JsonElement element, IDictionary<string, Action<IParseNode>> known)
    {
        var data = item.AdditionalData ??= new Dictionary<string, object>();
        new JsonParseNode(element.Clone()).GetObjectValue(_ => new StandIn(data, known));
    }

    private sealed class StandIn(IDictionary<string, object> data, IDictionary<string, Action<IParseNode>> known) : IParsable, IAdditionalDataHolder
    {
        public IDictionary<string, object> AdditionalData
        {
            get => data;
            set => throw new NotSupportedException();
        }

        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => known;

        public void Serialize(ISerializationWriter writer) => throw new NotSupportedException();
    }
}
