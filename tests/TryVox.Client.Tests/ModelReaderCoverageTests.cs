using System.CodeDom.Compiler;
using Microsoft.Kiota.Abstractions.Serialization;
using TryVox.Client.Serialization;

namespace TryVox.Client.Tests;

/// <summary>
/// The fast path covers the whole spec: the model-reader generator (src/TryVox.Client.Generators) recognises every
/// model Kiota generated, so none is left on Kiota's slower parse node. It pattern-matches Kiota's output, so a new
/// Kiota generator or a new kind of schema can make it miss one; the spec growth test runs this on the grown models too.
/// </summary>
public sealed class ModelReaderCoverageTests
{
    [Fact]
    public void Every_model_Kiota_generated_has_a_generated_reader()
    {
        var models = typeof(TryVoxClient).Assembly.GetTypes()
            .Where(t => typeof(IParsable).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(GeneratedCodeAttribute), false) is [GeneratedCodeAttribute { Tool: "Kiota" }])
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

        Assert.Contains(typeof(Models.Call).FullName, models);
        Assert.Equal(models, ModelReaders.Models.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }
}
