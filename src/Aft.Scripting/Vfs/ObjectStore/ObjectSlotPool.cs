using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// The request slots of one object-store definition: a <see cref="VfsConnectionPool{T}"/> of <see cref="ObjectSlot"/>s.
/// Opening a slot asks the store about its bucket or container (a cheap HEAD), so an unreachable store, a missing
/// bucket or refused credentials count against the endpoint's health like a failed login does.
/// </summary>
public sealed class ObjectSlotPool
{
    private readonly VfsConnectionPool<ObjectSlot> _pool;

    /// <param name="pools">The node's pools.</param>
    /// <param name="poolKey">The definition's <see cref="VfsPoolKey"/>.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="maxConnections">Requests at once.</param>
    /// <param name="probe">The HEAD of the bucket or container.</param>
    /// <param name="translate">Turns a failed probe into a <see cref="VfsException"/> about the endpoint.</param>
    public ObjectSlotPool(
        VfsConnectionPools pools, string poolKey, VfsEndpoint endpoint, int maxConnections, Func<CancellationToken, Task> probe,
        Func<string, Exception, VfsException> translate)
    {
        Endpoint = endpoint;
        MaxConnections = maxConnections;
        Options = pools.Options;
        _pool = pools.Get(poolKey, endpoint, maxConnections, async cancellationToken =>
        {
            try
            {
                await probe(cancellationToken);
            }
            catch (Exception ex) when (ex is not VfsException && !cancellationToken.IsCancellationRequested)
            {
                throw translate(endpoint.Key, ex);
            }

            return new ObjectSlot(probe);
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

    /// <summary>A slot for a download, held until the stream is disposed.</summary>
    public Task<PooledConnection<ObjectSlot>> RentAsync(CancellationToken cancellationToken) => _pool.RentAsync(cancellationToken);
}
