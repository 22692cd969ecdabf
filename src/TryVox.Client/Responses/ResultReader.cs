using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TryVox.Client.Placement;
using TryVox.Client.Serialization;

namespace TryVox.Client.Responses;

/// <summary>A 2xx answer's body read as the operation's result, within <see cref="TryVoxClientOptions.MaxResponseBytes"/>.</summary>
internal static class ResultReader
{
    /// <summary>
    /// Reads the result with <paramref name="read"/>; null when the operation returns nothing. <paramref name="requiredModel"/>,
    /// when set, names the model a 2xx other than 204 must carry: a missing body is then an error, not a <c>null</c> result.
    /// <paramref name="recorder"/>, when set, gets the body read.
    /// </summary>
    /// <exception cref="TryVoxInvalidResponseException">The body is too large, compressed unreadably, empty where a model is required, or not valid JSON for the result.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<TResult?> ReadAsync<TResult>(
        HttpResponseMessage response, int maxBytes, OperationFailure failure, string? requiredModel,
        Func<FastJsonParseNode, object?, TResult?>? read, object? state, PlacementRecorder? recorder, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (read is null || status == (int)HttpStatusCode.NoContent)
        {
            return default;
        }

        ResponseBody body;
        try
        {
            body = await ResponseBody.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw Unreadable(failure, status, $"its {response.Content.Headers.ContentEncoding.FirstOrDefault()} body could not be decompressed: {e.Message}", e);
        }

        using (body)
        {
            if (body.UnreadableEncoding is { } encoding)
            {
                throw Unreadable(failure, status, $"its body is encoded as {encoding}, which the client cannot decompress (it asks for {WireNames.AcceptEncoding})", null);
            }

            if (body.Truncated)
            {
                throw Unreadable(failure, status, $"its body is larger than TryVoxClientOptions.MaxResponseBytes ({maxBytes:N0} bytes), so it was not read; " +
                    "raise MaxResponseBytes if answers this large are expected", null);
            }

            if (typeof(TResult) == typeof(Stream))
            {
                return body.Length == 0 ? default : (TResult)(object)new MemoryStream(body.Memory.ToArray(), writable: false);
            }

            if (body.Length == 0 || !JsonBody.IsJson(response.Content.Headers))
            {
                return requiredModel is null ? default
                    : throw Unreadable(failure, status, $"its body is empty or not JSON; a {requiredModel} was expected", null);
            }

            try
            {
                var result = JsonBody.Read(body.Text, read, state);
                // A create-call with a placement key: its answer, exactly as it came, is what a repeat is answered with.
                recorder?.Record(status, body.Memory.Span);
                return result;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw Unreadable(failure, status, $"its body is not valid JSON for {requiredModel ?? "the result"}: {e.Message}", e);
            }
        }
    }

    private static TryVoxInvalidResponseException Unreadable(OperationFailure failure, int status, string problem, Exception? cause) =>
        new(failure, status, problem, cause);
}
