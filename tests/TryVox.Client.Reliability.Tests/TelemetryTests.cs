using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TryVox.Client.Diagnostics;
using TryVox.Client.Models;

namespace TryVox.Client.Reliability.Tests;

/// <summary>
/// The client's metrics under faults: each operation, retry and 429 is counted once, tagged with what failed and
/// never with the key. Measurements are picked by this test's own key hint, so tests running beside it do not count.
/// </summary>
public sealed class TelemetryTests
{
    private const string Key = "tvx_sk_live_TelemetryOnlyKey7Zq9";

    [Fact]
    public async Task Operations_retries_and_429s_are_counted_with_their_status_or_error_and_the_keys_hint_only()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TryVoxTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, object?>();
            foreach (var (name, tag) in tags)
            {
                map[name] = tag;
            }

            if (map.GetValueOrDefault("tryvox.key.hint") is "7Zq9")
            {
                measurements.Enqueue((instrument.Name, value, map));
            }
        }

        await using var server = new RawHttpServer(exchange => exchange.WriteAsync(exchange.Number switch
        {
            1 => RawHttpServer.Answer(429, """{"error":{"code":"RATE_LIMITED","message":"slow down"}}""", extraHeaders: "Retry-After: 0\r\n"),
            2 => RawHttpServer.Answer(200, Wire.NumbersJson),
            _ => RawHttpServer.Answer(503, """{"error":{"code":"BUSY","message":"busy"}}"""),
        }));
        var client = Wire.Client(server.BaseUrl, o => (o.ApiKey, o.Retry.MaxRetries) = (Key, 1));
        var refused = Wire.Client(new Uri($"http://127.0.0.1:{Wire.ClosedPort()}/v1"), o => (o.ApiKey, o.Retry) = (Key, RetryPolicy.None));

        await client.Account["AC123456"].Numbers.GetAsync();
        await Assert.ThrowsAsync<TryVoxError>(() => client.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));
        await Assert.ThrowsAsync<TryVoxNetworkException>(() => refused.Voice.Accounts["AC123456"].Calls.PostAsync(Wire.NewCall()));

        string Shown((string Instrument, double Value, Dictionary<string, object?> Tags) m) =>
            $"{m.Instrument} {m.Tags["tryvox.operation"]} {m.Tags["http.request.method"]} {m.Tags.GetValueOrDefault("http.response.status_code")} {m.Tags.GetValueOrDefault("error.type")} {m.Tags["tryvox.key.environment"]} {m.Tags["server.address"]}";
        Assert.Equal(
            string.Join("\n", [
                "tryvox.client.attempts GET /account/{account_id}/numbers GET 429 429 live 127.0.0.1",
                "tryvox.client.rate_limited GET /account/{account_id}/numbers GET 429 429 live 127.0.0.1",
                "tryvox.client.retries GET /account/{account_id}/numbers GET 429 429 live 127.0.0.1",
                "tryvox.client.attempts GET /account/{account_id}/numbers GET 200  live 127.0.0.1",
                "tryvox.client.requests GET /account/{account_id}/numbers GET 200  live 127.0.0.1",
                "tryvox.client.attempts POST /voice/accounts/{auth_id}/calls POST 503 503 live 127.0.0.1",
                "tryvox.client.requests POST /voice/accounts/{auth_id}/calls POST 503 503 live 127.0.0.1",
                "tryvox.client.attempts POST /voice/accounts/{auth_id}/calls POST  connection_error live 127.0.0.1",
                "tryvox.client.requests POST /voice/accounts/{auth_id}/calls POST  connection_error live 127.0.0.1",
            ]),
            string.Join("\n", measurements.Where(m => m.Instrument != TryVoxTelemetry.DurationInstrument).Select(Shown)));
        Assert.Equal(3, measurements.Count(m => m.Instrument == TryVoxTelemetry.DurationInstrument && m.Value >= 0));
        Assert.All(measurements, m => Assert.All(m.Tags.Values, v => Assert.DoesNotContain("TelemetryOnlyKey", $"{v}", StringComparison.Ordinal)));
        Assert.All(measurements.Where(m => m.Instrument is TryVoxTelemetry.RequestsInstrument or TryVoxTelemetry.AttemptsInstrument), m => Assert.Equal(1, m.Value));
    }
}
