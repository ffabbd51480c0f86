using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// The request slots of one object-store definition: a <see cref="VfsConnectionPool{T}"/> of <see cref="ObjectSlot"/>s.
/// Opening a slot asks the store about its bucket or container (a cheap HEAD): no answer, or a 5xx, counts against
/// the endpoint's health like a failed connect. Any other answer shows the store is up, even a refusal, because
/// credentials may rightly allow only some requests (write-only drop boxes); the request that follows reports it.
/// </summary>
public sealed class ObjectSlotPool
{
    private readonly VfsConnectionPool<ObjectSlot> _pool;
    private readonly Func<string, Exception, VfsException> _translate;

    /// <param name="pools">The node's pools.</param>
    /// <param name="poolKey">The definition's <see cref="VfsPoolKey"/>.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="maxConnections">Requests at once.</param>
    /// <param name="probe">The HEAD of the bucket or container.</param>
    /// <param name="translate">The store's <see cref="IObjectStore.Translate"/>.</param>
    public ObjectSlotPool(
        VfsConnectionPools pools, string poolKey, VfsEndpoint endpoint, int maxConnections, Func<CancellationToken, Task> probe,
        Func<string, Exception, VfsException> translate)
    {
        Endpoint = endpoint;
        MaxConnections = maxConnections;
        Options = pools.Options;
        _translate = translate;

        async Task AnswersAsync(CancellationToken cancellationToken)
        {
            try
            {
                await probe(cancellationToken);
            }
            catch (Exception ex) when (ex is not VfsException && !cancellationToken.IsCancellationRequested)
            {
                if (translate(endpoint.Key, ex) is { Transient: true } failure)
                {
                    throw failure;
                }
            }
        }

        _pool = pools.Get(poolKey, endpoint, maxConnections, async cancellationToken =>
        {
            await AnswersAsync(cancellationToken);
            return new ObjectSlot(AnswersAsync);
        });
    }

    public VfsEndpoint Endpoint { get; }

    public int MaxConnections { get; }

    public VfsConnectionOptions Options { get; }

    /// <summary>Runs one request in a slot; a request that got no answer marks the slot, so the next one checks the store first.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken) =>
        _pool.RunAsync(async (slot, token) =>
        {
            try
            {
                return await request(token);
            }
            catch (Exception ex) when (ObjectErrors.IsTransport(ex))
            {
                slot.Broken();
                throw;
            }
        }, cancellationToken);

    public Task RunAsync(Func<CancellationToken, Task> request, CancellationToken cancellationToken) =>
        RunAsync(async token =>
        {
            await request(token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Starts a download that holds a slot until its stream is disposed. A request the store refused because the
    /// offset is at or past the end (<paramref name="pastTheEnd"/>) reads as empty.
    /// </summary>
    /// <param name="path">The VFS path, for messages.</param>
    /// <param name="request">Sends the request; returns the body and what owns it.</param>
    /// <param name="pastTheEnd">Whether a failure is the store's "range not satisfiable".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Stream> DownloadAsync(
        string path, Func<CancellationToken, Task<(Stream Content, IDisposable Response)>> request, Func<Exception, bool> pastTheEnd,
        CancellationToken cancellationToken)
    {
        var slot = await _pool.RentAsync(cancellationToken);
        try
        {
            var (content, response) = await request(cancellationToken);
            return new ObjectReadStream(content, response, slot, path, Options.OperationTimeout, _translate);
        }
        catch (Exception ex) when (pastTheEnd(ex))
        {
            await slot.DisposeAsync();
            return new MemoryStream([], writable: false);
        }
        catch (Exception ex)
        {
            if (ObjectErrors.IsTransport(ex))
            {
                slot.Broken();
            }

            await slot.DisposeAsync();
            throw;
        }
    }
}
