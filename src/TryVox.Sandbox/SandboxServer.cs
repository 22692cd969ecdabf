using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace TryVox.Sandbox;

/// <summary>
/// A TryVox-compatible API on 127.0.0.1, in memory, for development and tests. Its operations
/// and models are generated from spec/tryvox.yaml; it starts with one account, a sandbox key
/// for it and the account's numbers.
/// </summary>
/// <example><code>
/// await using var sandbox = await SandboxServer.StartAsync();
/// var client = TryVoxClientFactory.Create(new TryVoxClientOptions { ApiKey = sandbox.ApiKey, BaseUrl = sandbox.BaseUrl });
/// var numbers = await client.Account[sandbox.AccountId].Numbers.GetAsync();
/// </code></example>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxStore _store;

    private SandboxServer(WebApplication app, SandboxStore store, Uri baseUrl, SandboxOptions options)
    {
        _app = app;
        _store = store;
        BaseUrl = baseUrl;
        ApiKey = options.ApiKey;
        AccountId = options.AccountId;
    }

    /// <summary>The API's base URL, <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A valid sandbox key (<c>tvx_sk_test_…</c>) of <see cref="AccountId"/>.</summary>
    public string ApiKey { get; }

    /// <summary>The seeded account.</summary>
    public string AccountId { get; }

    /// <summary>The host's services, for tests that inspect the endpoints it serves.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts the sandbox and returns once it accepts requests.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (!options.ApiKey.StartsWith("tvx_sk_test_", StringComparison.Ordinal) || options.ApiKey.Length == "tvx_sk_test_".Length)
        {
            throw new ArgumentException("The sandbox key must be a sandbox key: tvx_sk_test_ followed by the key.", nameof(options));
        }

        var store = new SandboxStore();
        store.AddAccount(options.AccountId, options.ApiKey, options.Numbers);
        var app = Build(options, store);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SandboxServer(app, store, new Uri(address.TrimEnd('/') + "/v1"), options);
    }

    /// <summary>
    /// Runs the sandbox until <paramref name="cancellationToken"/> is cancelled, printing its URL,
    /// key and account (and a line per request) to <see cref="SandboxOptions.Log"/>: the standalone
    /// server and <c>tryvox sandbox</c>.
    /// </summary>
    public static async Task RunAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var sandbox = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        options?.Log?.WriteLine(
            $"""
            TryVox sandbox listening on {sandbox.BaseUrl}
              API key:    {sandbox.ApiKey}
              Account ID: {sandbox.AccountId}
            Press Ctrl+C to stop.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Adds an account with no numbers and returns a new sandbox key for it (e.g. to test cross-account access).</summary>
    public string AddAccount(string accountId)
    {
        var key = "tvx_sk_test_" + Guid.NewGuid().ToString("N");
        _store.AddAccount(accountId, key, []);
        return key;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(SandboxOptions options, SandboxStore store)
    {
        // No args, no appsettings: a consumer's environment must not reconfigure the sandbox.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();

        // The host must not take over Ctrl+C/SIGTERM of the process it runs in (a test runner, the CLI).
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(store);
        builder.Services.AddControllers(mvc =>
            {
                mvc.Filters.Add<SpecRequestFilter>();
                mvc.ModelMetadataDetailsProviders.Add(new SystemTextJsonValidationMetadataProvider());
                mvc.ModelMetadataDetailsProviders.Add(new UriValidation());
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // Only the spec's controllers, never those of the application hosting the sandbox.
                parts.ApplicationParts.Clear();
                parts.ApplicationParts.Add(new AssemblyPart(typeof(SandboxServer).Assembly));
            })
            .AddJsonOptions(json => json.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        var app = builder.Build();
        var json = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        if (options.Log is { } log)
        {
            app.Use(async (context, next) =>
            {
                await next(context).ConfigureAwait(false);
                log.WriteLine($"{context.Request.Method} {context.Request.Path} -> {context.Response.StatusCode}");
            });
        }

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (!context.Response.HasStarted)
            {
                // A sandbox bug, reported in the spec's 5XX shape (and the log) rather than as a bodiless 500.
                options.Log?.WriteLine(exception);
                await SandboxErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, SandboxErrors.Body("INTERNAL_ERROR", exception.Message), json).ConfigureAwait(false);
            }
        });
        app.Use((context, next) => ApiKeyAuthentication.AuthenticateAsync(context, next, store, json));
        app.UseStatusCodePages(context => SandboxErrors.WriteStatusCodeBodyAsync(context.HttpContext, json));
        app.MapControllers();
        return app;
    }

    private sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
