using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace TryVox.Benchmarks.Floor;

/// <summary>
/// The floor: what a careful engineer writes by hand over <see cref="HttpClient"/> and System.Text.Json source
/// generation, with the Bearer header set once on the <see cref="HttpClient"/>. Nothing generated, nothing to spare.
/// </summary>
/// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the API's base URL with a trailing slash.</param>
public sealed class FloorClient(HttpClient http)
{
    /// <summary>POST <c>voice/accounts/{accountId}/calls</c>.</summary>
    public async Task<FloorCall> CreateCallAsync(string accountId, FloorCreateCallRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(CallsPath(accountId), request, FloorJson.Default.FloorCreateCallRequest, cancellationToken);
        return await ReadAsync(response, FloorJson.Default.FloorCall, cancellationToken);
    }

    /// <summary>GET <c>voice/accounts/{accountId}/calls</c>.</summary>
    public Task<FloorList<FloorCall>> ListCallsAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetAsync(CallsPath(accountId), FloorJson.Default.FloorCallList, cancellationToken);

    /// <summary>GET <c>account/{accountId}/numbers</c>.</summary>
    public Task<FloorList<FloorPhoneNumber>> ListNumbersAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetAsync("account/" + Uri.EscapeDataString(accountId) + "/numbers", FloorJson.Default.FloorPhoneNumberList, cancellationToken);

    private static string CallsPath(string accountId) => "voice/accounts/" + Uri.EscapeDataString(accountId) + "/calls";

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadAsync(response, type, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = (await response.Content.ReadFromJsonAsync(FloorJson.Default.FloorErrorBody, cancellationToken))?.Error;
            throw new FloorApiException((int)response.StatusCode, error?.Code, error?.Message);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new FloorApiException((int)response.StatusCode, null, "The response body was JSON null.");
    }
}
