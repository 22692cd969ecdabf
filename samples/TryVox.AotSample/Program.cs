// Runs against any TryVox API: TRYVOX_BASE_URL (default: production), TRYVOX_API_KEY, TRYVOX_ACCOUNT. The local
// sandbox (dotnet run --project src/TryVox.Sandbox) prints all three. Exit code 0 when every step did what the API
// promises, 1 otherwise.
using TryVox.Client;
using TryVox.Client.Authentication;
using TryVox.Client.Models;

var baseUrl = Environment.GetEnvironmentVariable("TRYVOX_BASE_URL") is { Length: > 0 } url ? new Uri(url) : TryVoxClientOptions.DefaultBaseUrl;
var account = Environment.GetEnvironmentVariable("TRYVOX_ACCOUNT") is { Length: > 0 } id ? id
    : throw new ArgumentException("Set TRYVOX_ACCOUNT to your account id (auth_id), such as AC123456.");

using var client = new TryVoxClient(new TryVoxClientOptions { BaseUrl = baseUrl }); // the key from TRYVOX_API_KEY

var placed = await client.Voice.Accounts[account].Calls.PostAsync(new CreateCallRequest
{
    From = "+919876543210", To = "+14155551234", AnswerUrl = "https://your-app.com/answer",
});
Console.WriteLine($"placed call {placed?.Id} ({placed?.Status})");

var calls = await client.Voice.Accounts[account].Calls.GetAsync();
var listed = calls?.Data?.Any(call => call.Id == placed?.Id) == true;
Console.WriteLine($"listed {calls?.Data?.Count} call(s); the new call {(listed ? "is" : "is NOT")} among them");

var numbers = await client.Account[account].Numbers.GetAsync();
foreach (var number in numbers?.Data ?? [])
{
    Console.WriteLine($"number {number.E164} {number.Country} {number.Status}");
}

// <snippet:tvx0001-suppress>
#pragma warning disable TVX0001 // A made-up key, there to be refused.
const string badKey = TryVoxApiKey.SandboxPrefix + "not_a_real_key";
#pragma warning restore TVX0001
// </snippet>
using var wrongKey = new TryVoxClient(new TryVoxClientOptions { ApiKey = badKey, BaseUrl = baseUrl });
string? refusal = null;
// <snippet:unauthorized>
try
{
    await wrongKey.Account[account].Numbers.GetAsync();
}
catch (TryVoxError e) when (e.ResponseStatusCode == 401)
{
    refusal = $"{e.Code}: {e.Message}"; // UNAUTHORIZED: Invalid or missing API key
}
// </snippet>
Console.WriteLine($"a wrong key: {refusal ?? "accepted, but a 401 was expected"}");

var succeeded = placed?.Id is not null && listed && numbers?.Data is { Count: > 0 } && refusal is not null;
Console.WriteLine(succeeded ? "ok" : "failed: see above");
return succeeded ? 0 : 1;
