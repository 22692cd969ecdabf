using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TryVox.Benchmarks.Transports;

/// <summary>Kestrel on 127.0.0.1 (a free port), in this process, serving an endpoint's pre-built bytes.</summary>
public static class KestrelHost
{
    /// <summary>Starts the server; returns it and its root URL (<c>http://127.0.0.1:PORT</c>) once it accepts connections.</summary>
    public static async Task<(WebApplication Server, string Root)> StartAsync(CannedEndpoint endpoint)
    {
        // No logging, no routing, no configuration files: only Kestrel and one request delegate.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        server.Run(context => ServeAsync(context, endpoint));
        await server.StartAsync();
        return (server, server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/'));
    }

    private static async Task ServeAsync(HttpContext context, CannedEndpoint endpoint)
    {
        var request = context.Request;
        if (endpoint.Recording)
        {
            using var received = new MemoryStream();
            await request.Body.CopyToAsync(received, context.RequestAborted);
            endpoint.Record(received.ToArray());
        }
        else
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        var (status, body) = endpoint.Answer(request.Method, request.Path.Value!, request.Headers.Authorization);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = CannedEndpoint.ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
