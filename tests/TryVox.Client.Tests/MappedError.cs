using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace TryVox.Client.Tests;

/// <summary>An error model of one entry of an error mapping, so a test sees which entry read the answer.</summary>
internal sealed class MappedError(string mapping) : ApiException, IParsable
{
    public string Mapping => mapping;

    /// <summary>An error mapping with <paramref name="exact"/>, 4XX, 5XX and XXX, each to its own <see cref="MappedError"/>.</summary>
    public static Dictionary<string, ParsableFactory<IParsable>> For(string exact) => new()
    {
        [exact] = _ => new MappedError(exact), ["4XX"] = _ => new MappedError("4XX"), ["5XX"] = _ => new MappedError("5XX"), ["XXX"] = _ => new MappedError("XXX"),
    };

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();

    public void Serialize(ISerializationWriter writer)
    {
    }
}
