using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TryVox.Client.Authentication;
using TryVox.Client.Http;

namespace TryVox.Client.DependencyInjection;

/// <summary>
/// At startup (and when the options reload), with a host: a live key in Development, or a sandbox key in Production,
/// is most likely a mistake. It is logged once as a warning (the key redacted to its hint), or fails startup when
/// <see cref="TryVoxClientOptions.TreatEnvironmentMismatchAsError"/> is set.
/// </summary>
internal sealed class HostEnvironmentCheck(IServiceProvider provider) : IValidateOptions<TryVoxClientOptions>
{
    public ValidateOptionsResult Validate(string? name, TryVoxClientOptions options)
    {
        if (provider.GetService<IHostEnvironment>() is not { } host || !TryGetKey(options, out var key))
        {
            return ValidateOptionsResult.Skip;
        }

        var mismatch = key.Environment == TryVoxEnvironment.Live && host.IsDevelopment() ? "a production (live) key in the Development environment"
            : key.Environment == TryVoxEnvironment.Sandbox && host.IsProduction() ? "a sandbox (test) key in the Production environment"
            : null;
        if (mismatch is null)
        {
            return ValidateOptionsResult.Success;
        }

        var client = string.IsNullOrEmpty(name) ? "The TryVox client" : $"The TryVox client \"{name}\"";
        var message = $"{client} uses {mismatch} ({key.Hint}). The reference asks for production keys for live traffic and " +
            "sandbox keys for development and testing: check the TryVox:ApiKey setting of this environment.";
        if (options.TreatEnvironmentMismatchAsError)
        {
            return ValidateOptionsResult.Fail(message);
        }

        TryVoxLogging.EnvironmentMismatch(provider.GetService<ILoggerFactory>()?.CreateLogger(TryVoxLogging.Category) ?? NullLogger.Instance, message);
        return ValidateOptionsResult.Success;
    }

    /// <summary>The key the client will use; a missing or malformed one is reported when the client is built, not here.</summary>
    private static bool TryGetKey(TryVoxClientOptions options, out TryVoxApiKey key)
    {
        try
        {
            key = options.Credential?.Key ?? ClientSettings.ResolveApiKey(options.ApiKey);
            return true;
        }
        catch (ArgumentException)
        {
            key = null!;
            return false;
        }
    }
}
