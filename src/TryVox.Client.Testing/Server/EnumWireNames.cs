using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// Binds a query, path or header value of one of the spec's enums by its wire name (<c>in-progress</c>), which
/// NSwag writes as <see cref="JsonStringEnumMemberNameAttribute"/>; MVC's own binding knows only C# names
/// (<c>InProgress</c>) and numbers, so it would refuse the spec's values and accept others. Arrays of enums are
/// bound element by element through this binder. JSON bodies are read by System.Text.Json, which knows the names.
/// </summary>
internal sealed class EnumWireNames : IModelBinderProvider, IModelBinder
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType.IsEnum && context.BindingInfo.BindingSource != BindingSource.Body ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var type = bindingContext.ModelMetadata.UnderlyingOrModelType;
        var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (Wire: field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name, Value: field.GetValue(null)))
            .ToList();
        var match = names.FirstOrDefault(name => string.Equals(name.Wire, value.FirstValue, StringComparison.Ordinal));
        if (match.Value is null)
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                $"{bindingContext.ModelName} must be one of {string.Join(", ", names.Select(name => name.Wire))}; {value.FirstValue} is not");
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(match.Value);
        return Task.CompletedTask;
    }
}
