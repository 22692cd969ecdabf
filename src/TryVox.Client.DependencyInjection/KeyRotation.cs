using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TryVox.Client.Authentication;
using TryVox.Client.Http;

namespace TryVox.Client.DependencyInjection;

/// <summary>
/// The credential of a registered client: the configured key (or <c>TRYVOX_API_KEY</c>), replaced whenever the
/// configuration's <c>ApiKey</c> changes, so a key is rotated without a restart. A malformed new key is refused and
/// logged, redacted, and the last good key kept.
/// </summary>
internal static class KeyRotation
{
    public static TryVoxCredential Watch(IServiceProvider provider, string name, string section)
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<TryVoxClientOptions>>();
        var options = monitor.Get(name);
        if (options.Credential is { } own)
        {
            // The application rotates its own credential.
            return own;
        }

        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(TryVoxLogging.Category) ?? NullLogger.Instance;
        var credential = new TryVoxCredential(ClientSettings.ResolveApiKey(options.ApiKey));
        provider.GetRequiredService<IOptions<Registrations>>().Value.Running[name] = true;
        var applied = options.ApiKey;
        var gate = new Lock();
        monitor.OnChange((changed, changedName) =>
        {
            lock (gate)
            {
                // Any change of the configuration reloads the options: only a new key is news.
                if (changedName != name || changed.ApiKey is null || changed.ApiKey == applied)
                {
                    return;
                }

                applied = changed.ApiKey;
                if (credential.TryUpdate(changed.ApiKey, $"{section}:ApiKey", out var problem))
                {
                    TryVoxLogging.KeyRotated(logger, TryVoxLogging.ClientName(name), credential.Key.Hint);
                }
                else
                {
                    TryVoxLogging.KeyRefused(logger, TryVoxLogging.ClientName(name), problem, credential.Key.Hint);
                }
            }
        });
        return credential;
    }
}
