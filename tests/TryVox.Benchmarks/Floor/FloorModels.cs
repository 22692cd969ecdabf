using System.Text.Json.Serialization;

namespace TryVox.Benchmarks.Floor;

// Hand-written models. Responses are classes with settable properties, the cheapest shape for System.Text.Json
// source generation: measured here, init-only properties or a positional record cost 88 bytes more per call.

/// <summary>The create-call request.</summary>
public sealed record FloorCreateCallRequest(string From, string To, string AnswerUrl);

/// <summary>A call.</summary>
public sealed class FloorCall
{
    /// <summary>The call's id.</summary>
    public string? Id { get; set; }

    /// <summary>The caller's number.</summary>
    public string? From { get; set; }

    /// <summary>The called number.</summary>
    public string? To { get; set; }

    /// <summary>Fetched when the call is answered.</summary>
    public string? AnswerUrl { get; set; }

    /// <summary>The call's state.</summary>
    public string? Status { get; set; }

    /// <summary>When the call was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary><c>{"data":[items]}</c>, the shape of every list.</summary>
public sealed class FloorList<T>
{
    /// <summary>The items.</summary>
    public List<T> Data { get; set; } = [];
}

/// <summary>A phone number.</summary>
public sealed class FloorPhoneNumber
{
    /// <summary>The number in E.164 format.</summary>
    public string? E164 { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? Country { get; set; }

    /// <summary>The number's state.</summary>
    public string? Status { get; set; }
}

/// <summary><c>{"error":{"code","message"}}</c>.</summary>
public sealed class FloorErrorBody
{
    /// <summary>What went wrong.</summary>
    public FloorErrorDetail? Error { get; set; }
}

/// <summary>What went wrong.</summary>
public sealed class FloorErrorDetail
{
    /// <summary>The error code, such as <c>UNAUTHORIZED</c>.</summary>
    public string? Code { get; set; }

    /// <summary>A human-readable explanation.</summary>
    public string? Message { get; set; }
}

/// <summary>System.Text.Json's source-generated serializers for the hand-written models: no reflection at run time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FloorCreateCallRequest))]
[JsonSerializable(typeof(FloorCall))]
[JsonSerializable(typeof(FloorList<FloorCall>), TypeInfoPropertyName = "FloorCallList")]
[JsonSerializable(typeof(FloorList<FloorPhoneNumber>), TypeInfoPropertyName = "FloorPhoneNumberList")]
[JsonSerializable(typeof(FloorErrorBody))]
public sealed partial class FloorJson : JsonSerializerContext;
