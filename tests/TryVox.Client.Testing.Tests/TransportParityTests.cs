using System.Net.Sockets;
using TryVox.Client.Models;

namespace TryVox.Client.Testing.Tests;

/// <summary>
/// In memory a fault must look to the caller as it does over a real socket: each fault is sent once on
/// loopback and once in memory, through a raw HttpClient and through the TryVox client (retries off), and
/// the exceptions must have the same type, <see cref="HttpRequestError"/>, status and inner exceptions.
/// The expected shapes are what loopback measured.
/// </summary>
public sealed class TransportParityTests
{
    private const string Reset = "HttpRequestException(Unknown) <- IOException <- SocketException(ConnectionReset)";

    public static TheoryData<string, string, string> Faults => new()
    {
        // fault, what a raw HttpClient gets, what the TryVox client throws (retries off)
        { "drop before acting", Reset, "TryVoxNetworkException <- " + Reset },
        { "drop after acting", Reset, "TryVoxNetworkException <- " + Reset },
        { "status 503", "answered 503", "TryVoxError(503)" },
        { "status 429", "answered 429", "TryVoxError(429)" },
        { "malformed body", "answered 201", "TryVoxInvalidResponseException(201) <- JsonReaderException" },
        { "delay past the timeout", "TaskCanceledException", "TryVoxTimeoutException <- TimeoutException <- TaskCanceledException" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task In_memory_a_fault_surfaces_as_it_does_on_a_socket(string fault, string raw, string throughClient)
    {
        var loopback = await SendAsync(TryVoxTestServerMode.Loopback, fault);
        var inMemory = await SendAsync(TryVoxTestServerMode.InMemory, fault);

        Assert.Equal((raw, throughClient), loopback);
        Assert.Equal(loopback, inMemory);
    }

    private static async Task<(string Raw, string ThroughClient)> SendAsync(TryVoxTestServerMode mode, string fault)
    {
        await using var server = await Servers.StartAsync(mode);
        TryVoxFault Fault() => fault switch
        {
            "drop before acting" => TryVoxFault.DropConnectionBeforeActing(),
            "drop after acting" => TryVoxFault.DropConnectionAfterActing(),
            "status 503" => TryVoxFault.Status(503),
            "status 429" => TryVoxFault.Status(429, retryAfter: TimeSpan.Zero),
            "malformed body" => TryVoxFault.MalformedBody(),
            "delay past the timeout" => TryVoxFault.Slow(TimeSpan.FromSeconds(30)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
        // Only the delay (30 s) is meant to outlast the timeout. The timeout must still fire only once the server holds the
        // request: one that fires while a loaded machine is still connecting fails with another shape. 4 s covers that under CI load.
        var timeout = fault == "delay past the timeout" ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(30);

        server.Faults.Next(Fault());
        using var http = server.CreateHttpClient();
        using var request = Servers.RawRequest(HttpMethod.Post, $"voice/accounts/{server.AccountId}/calls", server.ApiKey,
            """{"from":"+919876543210","to":"+14155551234","answer_url":"https://your-app.com/answer"}""");
        using var cancel = new CancellationTokenSource(timeout);
        string raw;
        try
        {
            using var response = await http.SendAsync(request, cancel.Token);
            raw = $"answered {(int)response.StatusCode}";
        }
        catch (Exception e)
        {
            raw = Shape(e);
        }

        server.Faults.Next(Fault());
        var client = server.CreateClient(o => (o.Retry, o.AttemptTimeout) = (RetryPolicy.None, timeout));
        var failure = await Record.ExceptionAsync(() => client.Voice.Accounts[server.AccountId].Calls.PostAsync(Servers.ReferenceCall()));
        var throughClient = Shape(failure);
        return fault == "delay past the timeout" ? (UpToCancellation(raw), UpToCancellation(throughClient)) : (raw, throughClient);
    }

    /// <summary>
    /// A shape up to its cancellation: what the cancellation interrupted below it (a socket read, a connect, a write)
    /// depends on when the timer fires on a loaded machine, not on the transport.
    /// </summary>
    private static string UpToCancellation(string shape) =>
        shape.IndexOf("TaskCanceledException", StringComparison.Ordinal) is >= 0 and var at ? shape[..(at + "TaskCanceledException".Length)] : shape;

    /// <summary>The exception and its inner exceptions: type, and the request error, status or socket error where there is one.</summary>
    private static string Shape(Exception? exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            parts.Add(e switch
            {
                HttpRequestException h => $"HttpRequestException({h.HttpRequestError})",
                SocketException s => $"SocketException({s.SocketErrorCode})",
                TryVoxError t => $"TryVoxError({t.ResponseStatusCode})",
                TryVoxInvalidResponseException i => $"TryVoxInvalidResponseException({i.ResponseStatusCode})",
                _ => e.GetType().Name,
            });
        }

        return parts.Count == 0 ? "no exception" : string.Join(" <- ", parts);
    }
}
