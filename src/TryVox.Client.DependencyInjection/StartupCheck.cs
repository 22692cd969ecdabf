using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TryVox.Client.Authentication;
using TryVox.Client.Http;
using TryVox.Client.RequestOptions;

namespace TryVox.Client.DependencyInjection;

/// <summary>
/// What a registered client's options must satisfy before its first use (at startup with <c>ValidateOnStart</c>), so a
/// bad setting stops the host with its reason rather than failing the first request inside DI: the key (from options,
/// configuration or <c>TRYVOX_API_KEY</c>) must be well-formed, the base URL and tenant valid. The message never shows
/// the key. Once the client runs, a reloaded configuration is not refused here: a malformed new key is refused and
/// logged by the key rotation, which keeps the last good key. With a host, a live key in Development, or a sandbox key in Production, is most
/// likely a mistake too: logged once as a warning (the key as its hint), or a failure when
/// <see cref="TryVoxClientOptions.TreatEnvironmentMismatchAsError"/> is set.
/// </summary>
internal sealed class StartupCheck(IServiceProvider provider, IOptions<Registrations> registrations) : IValidateOptions<TryVoxClientOptions>
{
    public ValidateOptionsResult Validate(string? name, TryVoxClientOptions options)
    {
        name ??= Microsoft.Extensions.Options.Options.DefaultName;
        if (!registrations.Value.OptionNames.Contains(name) || registrations.Value.Running.ContainsKey(name))
        {
            return ValidateOptionsResult.Skip;
        }

        TryVoxApiKey key;
        try
        {
            key = options.Credential?.Key ?? ClientSettings.ResolveApiKey(options.ApiKey);
            ApiOrigin.Validate(options.BaseUrl ?? TryVoxClientOptions.DefaultBaseUrl);
            TenantHeader.Validate(options.TenantId);
        }
        catch (ArgumentException refused)
        {
            return ValidateOptionsResult.Fail($"{TryVoxLogging.ClientName(name)} cannot start: {ProblemText.Of(refused)}");
        }

        var mismatch = provider.GetService<IHostEnvironment>() is not { } host ? null
            : key.Environment == TryVoxEnvironment.Live && host.IsDevelopment() ? "a production (live) key in the Development environment"
            : key.Environment == TryVoxEnvironment.Sandbox && host.IsProduction() ? "a sandbox (test) key in the Production environment"
            : null;
        if (mismatch is null)
        {
            return ValidateOptionsResult.Success;
        }

        var message = $"{TryVoxLogging.ClientName(name)} uses {mismatch} ({key.Hint}). The reference asks for production keys for live traffic and " +
            "sandbox keys for development and testing: check the TryVox:ApiKey setting of this environment.";
        if (options.TreatEnvironmentMismatchAsError)
        {
            return ValidateOptionsResult.Fail(message);
        }

        TryVoxLogging.EnvironmentMismatch(provider.GetService<ILoggerFactory>()?.CreateLogger(TryVoxLogging.Category) ?? NullLogger.Instance, message);
        return ValidateOptionsResult.Success;
    }
}

/// <summary>The clients registered so far: their options names, and the names of the <c>HttpClient</c>s they are built on.</summary>
internal sealed class Registrations
{
    public HashSet<string> OptionNames { get; } = new(StringComparer.Ordinal);

    public HashSet<string> HttpClientNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The clients whose credential exists: they run, and their key rotation judges a reloaded key.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Running { get; } = new(StringComparer.Ordinal);
}
