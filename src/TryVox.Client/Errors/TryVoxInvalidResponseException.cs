using Microsoft.Kiota.Abstractions;

namespace TryVox.Client.Models;

/// <summary>
/// A 2xx response whose body could not be read as the operation's result: malformed JSON, or no body
/// where one is required. The request succeeded on the server (a POST placed its call), so this is not
/// retried; <see cref="RequestId"/> identifies it to TryVox support.
/// </summary>
public sealed class TryVoxInvalidResponseException : ApiException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxInvalidResponseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxInvalidResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxInvalidResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxInvalidResponseException(string operation, int status, string? requestId, string problem, Exception? innerException)
        : base($"{operation} answered {status}, but {problem}.", innerException!)
    {
        Operation = operation;
        ResponseStatusCode = status;
        RequestId = requestId;
    }

    /// <summary>The operation, such as <c>POST /voice/accounts/{auth_id}/calls</c>.</summary>
    public string? Operation { get; }

    /// <summary>The response's <c>X-Request-ID</c>, when it had one.</summary>
    public string? RequestId { get; }
}
