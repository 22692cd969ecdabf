using System.Net;
using System.Reflection;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// The one server: the spec's generated operations behind TryVox's checks, on TestHost or on Kestrel. In order:
/// the recorder, routing, rate limits, faults, the error body of a server bug, the key, then the operation
/// (whose filter checks the account and the request).
/// </summary>
internal static class ServerApp
{
    public static WebApplication Build(TryVoxTestServerOptions options, ServerStore store, RequestRecorder recorder, TryVoxFaults faults, RequestClock clock)
    {
        // No args, no appsettings: a consumer's environment must not reconfigure the server.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();

        // The host must not take over Ctrl+C/SIGTERM of the process it runs in (a test runner, the CLI).
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        if (options.Mode == TryVoxTestServerMode.Loopback)
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton(store);
        builder.Services.AddControllers(mvc =>
            {
                mvc.Filters.Add<SpecRequestFilter>();
                mvc.ModelMetadataDetailsProviders.Add(new SystemTextJsonValidationMetadataProvider());
                mvc.ModelMetadataDetailsProviders.Add(new UriValidation());
                mvc.ModelBinderProviders.Insert(0, new EnumWireNames());
                mvc.ModelBindingMessageProvider.SetMissingRequestBodyRequiredValueAccessor(() => "A JSON request body is required");
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // Only the spec's controllers, never those of the application hosting the server.
                parts.ApplicationParts.Clear();
                parts.ApplicationParts.Add(new AssemblyPart(typeof(ServerApp).Assembly));
                parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single());
                parts.FeatureProviders.Add(new SpecControllers());
            })
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
                // Enums by their spec names wherever they stand: NSwag marks an enum property, not an array of enums.
                json.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            });

        var app = builder.Build();
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        app.Use(recorder.RecordAsync);
        app.UseRouting();
        if (options.CallsPerSecond is not null || options.RequestsPerSecond is not null)
        {
            app.Use(new RateLimits(options, store, clock, json).LimitAsync);
        }

        app.Use((context, next) => FaultInjection.InjectAsync(context, next, faults, json));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A server bug, reported in the spec's 5XX shape (and the log) rather than as a bodiless 500.
                options.Log?.WriteLine(exception);
                await ServerErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, ServerErrors.Body("INTERNAL_ERROR", exception.Message), json)
                    .ConfigureAwait(false);
            }
        });
        app.Use((context, next) => ApiKeyAuthentication.AuthenticateAsync(context, next, store, json));
        app.UseStatusCodePages(context => ServerErrors.WriteStatusCodeBodyAsync(context.HttpContext, json));
        app.MapControllers();
        return app;
    }

    /// <summary>
    /// Each generated controller, or the hand-written one derived from it. They are internal (the package's public
    /// API is the test kit), and MVC's default takes public ones only.
    /// </summary>
    private sealed class SpecControllers : ControllerFeatureProvider
    {
        private readonly HashSet<Type?> _derivedFrom = [.. typeof(SpecController).Assembly.GetTypes().Select(type => type.BaseType)];

        protected override bool IsController(TypeInfo typeInfo) =>
            typeInfo.IsClass && !typeInfo.IsAbstract && typeInfo.IsSubclassOf(typeof(SpecController)) && !_derivedFrom.Contains(typeInfo);
    }

    private sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
