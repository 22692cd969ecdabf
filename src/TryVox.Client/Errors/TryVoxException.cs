using Microsoft.Kiota.Abstractions;

namespace TryVox.Client;

/// <summary>
/// A TryVox operation failed without an HTTP error answer: it timed out, the network failed, a success answer
/// could not be read, or the client refused to send a create-call a second time. HTTP error answers are
/// <see cref="Models.TryVoxError"/>. Both derive from Kiota's <see cref="ApiException"/>, so
/// <c>catch (ApiException)</c> catches every failure except the caller's own cancellation, and both are
/// <see cref="ITryVoxFailure"/>s.
/// </summary>
public abstract class TryVoxException : ApiException, ITryVoxFailure
{
    /// <summary>Creates the exception.</summary>
    protected TryVoxException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    protected TryVoxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    protected TryVoxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxException(OperationFailure failure, string message, Exception? innerException)
        : base(message, innerException!)
    {
        Operation = failure.Operation;
        Attempts = failure.Attempts;
        OutcomeUnknown = failure.OutcomeUnknown;
        RequestId = failure.RequestId;
    }

    /// <inheritdoc />
    public string? Operation { get; }

    /// <inheritdoc />
    public int Attempts { get; }

    /// <inheritdoc />
    public bool OutcomeUnknown { get; }

    /// <inheritdoc />
    public string? RequestId { get; }
}

/// <summary>
/// An attempt exceeded <see cref="TryVoxClientOptions.AttemptTimeout"/> and could not be retried, or the whole
/// operation exceeded <see cref="TryVoxClientOptions.Timeout"/>. Its inner exception is a <see cref="System.TimeoutException"/>.
/// The caller's own cancellation is never reported this way: it stays an <see cref="OperationCanceledException"/>
/// carrying the caller's token.
/// </summary>
public sealed class TryVoxTimeoutException : TryVoxException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxTimeoutException(OperationFailure failure, TimeoutException cause, TimeSpan timeout)
        : base(failure, failure.Describe(cause.Message), cause)
    {
        Timeout = timeout;
    }

    /// <summary>The limit that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// The network failed: the connection was refused or reset, the name did not resolve, TLS failed, or the
/// answer ended early. Its inner exception is the <see cref="HttpRequestException"/>; failures that could not
/// have reached the server (a refused connection) were retried first, for every method.
/// </summary>
public sealed class TryVoxNetworkException : TryVoxException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxNetworkException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxNetworkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxNetworkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxNetworkException(OperationFailure failure, HttpRequestException cause)
        : base(failure, failure.Describe($"{failure.Operation} failed on the network ({cause.HttpRequestError}): {cause.Message} (attempt {failure.Attempts})."), cause)
    {
        HttpRequestError = cause.HttpRequestError;
    }

    /// <summary>What failed, as <see cref="HttpRequestException.HttpRequestError"/> tells it.</summary>
    public HttpRequestError HttpRequestError { get; }
}

/// <summary>
/// A success answer (2xx) whose body could not be read as the operation's result: malformed JSON, a body larger
/// than <see cref="TryVoxClientOptions.MaxResponseBytes"/>, or no body where one is required. The server acted on
/// the request (a create-call placed its call), so it is not retried.
/// </summary>
public sealed class TryVoxInvalidResponseException : TryVoxException
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

    internal TryVoxInvalidResponseException(OperationFailure failure, int status, string problem, Exception? cause)
        : base(failure, $"{failure.Operation} answered {status}, but {problem}.", cause)
    {
        ResponseStatusCode = status;
    }
}

/// <summary>
/// A handler between the client and the network (an application's retry or resilience handler, such as
/// <c>AddStandardResilienceHandler</c>) tried to send a create-call again after the server may have acted on it.
/// The client refused, so no second call was placed; whether the first one was is unknown
/// (<see cref="TryVoxException.OutcomeUnknown"/>). When the first send failed, its failure is the inner exception.
/// A send after an answer that shows the server did not act (a 429 or another 4xx, a redirect) or after a refused
/// connection is let through. Let TryVox retry its own requests: remove that handler from the
/// TryVox client, or have it retry only GET requests.
/// </summary>
public sealed class TryVoxResendRefusedException : TryVoxException
{
    /// <summary>Creates the exception.</summary>
    public TryVoxResendRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryVoxResendRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryVoxResendRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TryVoxResendRefusedException(OperationFailure failure, int? lastStatus, Exception? lastFailure)
        : base(failure, failure.Describe(
            $"{failure.Operation} was not sent a second time: a handler between the TryVox client and the network re-sent it " +
            $"after {(lastStatus is { } last ? $"the server answered {last}" : "the first send failed")}, and the server may have acted on " +
            "the first send. Let TryVox retry its own requests: remove retrying handlers (such as AddStandardResilienceHandler) " +
            "from the TryVox client, or limit them to GET."), lastFailure)
    {
        if (lastStatus is { } status)
        {
            ResponseStatusCode = status;
        }
    }
}
