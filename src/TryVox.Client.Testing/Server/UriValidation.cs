using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// NSwag types a <c>format: uri</c> string as <see cref="Uri"/>, yet the spec's <c>maxLength</c> and
/// <c>pattern</c> apply to the string as sent: <c>StringLength</c> throws on a <see cref="Uri"/> and
/// <c>RegularExpression</c> would match <see cref="Uri.ToString"/>, which unescapes <c>%20</c> into a
/// space. Each validation attribute on a <see cref="Uri"/> is made to check <see cref="Uri.OriginalString"/>.
/// </summary>
internal sealed class UriValidation : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.ModelType != typeof(Uri))
        {
            return;
        }

        var validators = context.ValidationMetadata.ValidatorMetadata;
        for (var i = 0; i < validators.Count; i++)
        {
            if (validators[i] is ValidationAttribute attribute)
            {
                validators[i] = new AsSent(attribute);
            }
        }
    }

    private sealed class AsSent(ValidationAttribute inner) : ValidationAttribute
    {
        public override bool RequiresValidationContext => inner.RequiresValidationContext;

        protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
            inner.GetValidationResult(value is Uri uri ? uri.OriginalString : value, validationContext);
    }
}
