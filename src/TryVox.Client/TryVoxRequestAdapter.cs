using System.Diagnostics.CodeAnalysis;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;
using TryVox.Client.Middleware;
using TryVox.Client.Models;

namespace TryVox.Client;

/// <summary>
/// Wraps Kiota's request adapter to give each operation what only the caller's side can: the overall
/// timeout (told apart from the caller's cancellation), the attempt count and <c>Retry-After</c> on the
/// errors that surface, and a clear exception naming the operation when a 2xx body cannot be read.
/// </summary>
internal sealed class TryVoxRequestAdapter(IRequestAdapter inner, TimeSpan timeout) : IRequestAdapter
{
    public ISerializationWriterFactory SerializationWriterFactory => inner.SerializationWriterFactory;

    public string? BaseUrl
    {
        get => inner.BaseUrl;
        set => inner.BaseUrl = value;
    }

    public void EnableBackingStore(IBackingStoreFactory backingStoreFactory) => inner.EnableBackingStore(backingStoreFactory);

    public Task<T?> ConvertToNativeRequestAsync<T>(RequestInformation requestInfo, CancellationToken cancellationToken = default) =>
        inner.ConvertToNativeRequestAsync<T>(requestInfo, cancellationToken);

    public Task<ModelType?> SendAsync<ModelType>(
        RequestInformation requestInfo, ParsableFactory<ModelType> factory,
        Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable =>
        RunAsync(requestInfo, token => inner.SendAsync(requestInfo, factory, errorMapping, token), typeof(ModelType).Name, cancellationToken);

    public Task<IEnumerable<ModelType>?> SendCollectionAsync<ModelType>(
        RequestInformation requestInfo, ParsableFactory<ModelType> factory,
        Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable =>
        RunAsync(requestInfo, token => inner.SendCollectionAsync(requestInfo, factory, errorMapping, token), null, cancellationToken);

    public Task<ModelType?> SendPrimitiveAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(requestInfo, token => inner.SendPrimitiveAsync<ModelType>(requestInfo, errorMapping, token), null, cancellationToken);

    public Task<IEnumerable<ModelType>?> SendPrimitiveCollectionAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(requestInfo, token => inner.SendPrimitiveCollectionAsync<ModelType>(requestInfo, errorMapping, token), null, cancellationToken);

    public Task SendNoContentAsync(
        RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null,
        CancellationToken cancellationToken = default) =>
        RunAsync<bool>(
            requestInfo,
            async token =>
            {
                await inner.SendNoContentAsync(requestInfo, errorMapping, token).ConfigureAwait(false);
                return true;
            },
            null,
            cancellationToken);

    /// <summary>
    /// Sends one operation. <paramref name="requiredModel"/>, when set, names the model a 2xx other than 204
    /// must carry: a missing body is then an error, not a <c>null</c> result.
    /// </summary>
    private async Task<T?> RunAsync<T>(
        RequestInformation request, Func<CancellationToken, Task<T?>> send, string? requiredModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = OperationContext.Attach(request, timeout);
        using var timeoutCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCancellation.CancelAfter(timeout);
        T? result;
        try
        {
            result = await send(timeoutCancellation.Token).ConfigureAwait(false);
        }
        catch (TryVoxError e)
        {
            e.Attempts = operation.Attempts;
            e.RetryAfter = operation.RetryAfter;
            throw;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (OperationCanceledException e) when (timeoutCancellation.IsCancellationRequested)
        {
            throw new TryVoxTimeoutException(operation.Operation, "the whole operation", timeout, operation.Attempts, e);
        }
        catch (HttpRequestException e)
        {
            e.Data[TryVoxError.AttemptsDataKey] = operation.Attempts;
            throw;
        }
        catch (Exception e) when (operation.StatusCode is >= 200 and < 300 && e is not TryVoxTimeoutException)
        {
            // Kiota wraps the parser's exception in a generic one: the innermost says what is wrong with the body.
            throw Unreadable(operation, $"its body is not valid JSON for {requiredModel ?? "the result"}: {e.GetBaseException().Message}", e);
        }

        if (result is null && requiredModel is not null && operation.StatusCode is not (204 or null))
        {
            throw Unreadable(operation, $"its body is empty or not JSON; a {requiredModel} was expected", null);
        }

        return result;
    }

    private static TryVoxInvalidResponseException Unreadable(OperationContext operation, string problem, Exception? cause) =>
        new(operation.Operation, operation.StatusCode!.Value, operation.RequestId, problem, cause);
}
