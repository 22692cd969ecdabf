using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TryVox.Client.Authentication;
using TryVox.Client.Models;
using TryVox.Client.Testing.Server;
using TryVox.Client.Testing.Transport;

namespace TryVox.Client.Testing;

/// <summary>
/// A TryVox API for tests and local development: the spec's operations (generated from
/// spec/tryvox.yaml) with TryVox's key, account, tenant and validation checks. In memory by default
/// (no sockets, no ports), or on 127.0.0.1. It starts with one account, a sandbox key for it and the
/// account's numbers; it records every request and every call it places, and injects faults on demand.
/// </summary>
/// <example><code>
/// await using var server = await TryVoxTestServer.StartAsync();
/// var client = server.CreateClient();
/// await client.Voice.Accounts[server.AccountId].Calls.PostAsync(new() { From = "+919876543210", To = "+14155551234", AnswerUrl = "https://example.com/answer" });
/// Assert.Single(server.PlacedCalls);
/// </code></example>
public sealed class TryVoxTestServer : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentBag<HttpMessageHandler> _clientHandlers = [];
    private readonly WebApplication _app;
    private readonly ServerStore _store;
    private readonly RequestRecorder _recorder;
    private readonly TestServer? _inMemory;

    private TryVoxTestServer(WebApplication app, ServerStore store, RequestRecorder recorder, TryVoxFaults faults, TryVoxTestServerOptions options)
    {
        _app = app;
        _store = store;
        _recorder = recorder;
        Faults = faults;
        Mode = options.Mode;
        ApiKey = options.ApiKey;
        AccountId = options.AccountId;
        if (Mode == TryVoxTestServerMode.InMemory)
        {
            _inMemory = app.GetTestServer();
            BaseUrl = new Uri(_inMemory.BaseAddress, "v1");
        }
        else
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        }
    }

    /// <summary>How the server is hosted.</summary>
    public TryVoxTestServerMode Mode { get; }

    /// <summary>The API's base URL: <c>http://localhost/v1</c> in memory, <c>http://127.0.0.1:PORT/v1</c> on loopback.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A valid sandbox key (<c>tvx_sk_test_…</c>) of <see cref="AccountId"/>.</summary>
    public string ApiKey { get; }

    /// <summary>The seeded account.</summary>
    public string AccountId { get; }

    /// <summary>The faults to inject into coming requests.</summary>
    public TryVoxFaults Faults { get; }

    /// <summary>Every request received so far, in the order the server finished them.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Requests;

    /// <summary>Every call placed so far (the server acted on a create-call), in order, whether or not its answer reached the client.</summary>
    public IReadOnlyList<PlacedCall> PlacedCalls => _store.Placed();

    /// <summary>The host's services, for tests that inspect the endpoints it serves.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts the server and returns once it accepts requests.</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> cannot work; the message says which.</exception>
    public static async Task<TryVoxTestServer> StartAsync(TryVoxTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TryVoxTestServerOptions();
        options.Validate();
        var store = new ServerStore(options.TimeProvider, options.SequentialIds);
        store.AddAccount(options.AccountId, options.ApiKey, options.Numbers.Select(ToServerNumber));
        var clock = new RequestClock();
        var recorder = new RequestRecorder(options.Log, clock);
        var faults = new TryVoxFaults();
        var app = ServerApp.Build(options, store, recorder, faults, clock);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new TryVoxTestServer(app, store, recorder, faults, options);
    }

    /// <summary>
    /// Runs the server on 127.0.0.1 until <paramref name="cancellationToken"/> is cancelled, printing its URL,
    /// key and account (and a line per request) to <see cref="TryVoxTestServerOptions.Log"/>: the standalone
    /// sandbox and <c>tryvox sandbox</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not in <see cref="TryVoxTestServerMode.Loopback"/> mode.</exception>
    public static async Task RunAsync(TryVoxTestServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != TryVoxTestServerMode.Loopback)
        {
            throw new ArgumentException("RunAsync serves other processes: set TryVoxTestServerOptions.Mode to Loopback.", nameof(options));
        }

        await using var server = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        options.Log?.WriteLine(
            $"""
            TryVox sandbox listening on {server.BaseUrl}
              API key:    {server.ApiKey}
              Account ID: {server.AccountId}
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

    /// <summary>
    /// A client of this server with <see cref="ApiKey"/>, <see cref="BaseUrl"/> and <see cref="CreateHandler"/> as its
    /// primary handler, so requests go through the client's whole pipeline (retries, tenant, errors).
    /// <paramref name="configure"/> adjusts the options first: another key, a tenant, a retry policy, timeouts.
    /// </summary>
    public TryVoxClient CreateClient(Action<TryVoxClientOptions>? configure = null)
    {
        // A client never disposes the handler it is given: this server does, when it stops.
        var handler = CreateHandler();
        _clientHandlers.Add(handler);
        var options = new TryVoxClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl, PrimaryHandler = handler };
        configure?.Invoke(options);
        return new TryVoxClient(options);
    }

    /// <summary>
    /// A new handler that reaches this server (in memory, or over a socket on loopback) and tells it each request's
    /// attempt number: the primary handler for clients you build yourself, such as with
    /// <c>AddTryVoxClient(…).ConfigurePrimaryHttpMessageHandler(server.CreateHandler)</c>.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new AttemptHeaderHandler(
        _inMemory is not null ? new InMemoryTransport(_inMemory.CreateHandler()) : new SocketsHttpHandler { AllowAutoRedirect = false });

    /// <summary>A raw <see cref="HttpClient"/> over <see cref="CreateHandler"/>, its base address <see cref="BaseUrl"/> with a trailing slash.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/") };

    /// <summary>Adds an account with <paramref name="numbers"/> (none by default) and returns a new sandbox key for it.</summary>
    /// <exception cref="ArgumentException">A number has no E164 value.</exception>
    public string AddAccount(string accountId, params PhoneNumber[] numbers)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        TryVoxTestServerOptions.ValidateNumbers(numbers, nameof(numbers));
        var key = TryVoxApiKey.SandboxPrefix + Guid.NewGuid().ToString("N");
        _store.AddAccount(accountId, key, numbers.Select(ToServerNumber));
        return key;
    }

    /// <summary>Stops the server; its clients and handlers stop working.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var handler in _clientHandlers)
        {
            handler.Dispose();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Server.Generated.PhoneNumber ToServerNumber(PhoneNumber number) =>
        new() { E164 = number.E164!, Country = number.Country!, Status = number.Status ?? "active" };
}
