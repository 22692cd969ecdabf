using TryVox.Client;
using TryVox.Client.Models;
using Xunit.Sdk;

namespace TryVox.Conformance.Tests;

/// <summary>Every spec operation through the Kiota client: the scenario each server under test must pass.</summary>
internal static class Operations
{
    public const string ReferenceNumber = "+919876543210";

    /// <summary>The reference's create-call example.</summary>
    public static CreateCallRequest ReferenceCall() =>
        new() { From = ReferenceNumber, To = "+14155551234", AnswerUrl = "https://your-app.com/answer" };

    public static TryVoxClient Client(Uri baseUrl, string apiKey, string? tenantId = null, bool failOnSpecViolations = false) =>
        TryVoxClientFactory.Create(new TryVoxClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = baseUrl,
            TenantId = tenantId,
            PrimaryHandler = failOnSpecViolations ? new SpecViolationCheck() : null,
        });

    /// <summary>Lists numbers, creates a call and lists calls, asserting what every server must return.</summary>
    public static async Task<(Call Created, CallList Calls)> RunAllAsync(TryVoxClient client, string accountId)
    {
        var numbers = await client.Account[accountId].Numbers.GetAsync();
        Assert.NotNull(numbers?.Data);
        Assert.All(numbers.Data, number => Assert.False(string.IsNullOrEmpty(number.E164)));
        AssertAllFieldsKnown(numbers.Data.Select(n => n.AdditionalData));

        var created = await client.Voice.Accounts[accountId].Calls.PostAsync(ReferenceCall());
        Assert.NotNull(created);
        Assert.False(string.IsNullOrEmpty(created.Id));
        AssertAllFieldsKnown([created.AdditionalData]);

        var calls = await client.Voice.Accounts[accountId].Calls.GetAsync();
        Assert.NotNull(calls?.Data);
        AssertAllFieldsKnown(calls.Data.Select(c => c.AdditionalData));
        return (created, calls);
    }

    /// <summary>
    /// Kiota keeps fields its models do not declare in AdditionalData: a field the server sends that
    /// the client does not know means the spec renamed or added it and the client was not regenerated.
    /// </summary>
    public static void AssertAllFieldsKnown(IEnumerable<IDictionary<string, object>> additionalData)
    {
        var unknown = additionalData.SelectMany(d => d.Keys).Distinct().Order().ToList();
        Assert.True(unknown.Count == 0,
            $"The server sent fields the client's models do not declare: {string.Join(", ", unknown)}. " +
            "Regenerate the client (dotnet msbuild src/TryVox.Client -t:GenerateClient) if spec/tryvox.yaml changed.");
    }

    /// <summary>The TryVox error the client throws, checked for the spec's shape; a success fails naming <paramref name="request"/>'s intent.</summary>
    public static async Task<TryVoxError> FailsWith(int status, string code, Func<Task> request, string? whyItMustFail = null)
    {
        var exception = await Record.ExceptionAsync(request);
        if (exception is null)
        {
            throw new XunitException($"Expected {status} {code}, but the request succeeded{(whyItMustFail is null ? "" : ": " + whyItMustFail)}");
        }

        var error = Assert.IsAssignableFrom<TryVoxError>(exception);
        Assert.Equal(status, error.ResponseStatusCode);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrEmpty(error.Message));
        return error;
    }
}
