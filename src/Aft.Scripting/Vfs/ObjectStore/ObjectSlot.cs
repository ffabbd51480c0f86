using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// The right to run one request against an object store. The vendor's SDK client keeps the HTTP connections and is
/// shared, so a slot holds nothing itself; it exists so <c>maxConnections</c> and the endpoint's health apply.
/// </summary>
public sealed class ObjectSlot(Func<CancellationToken, Task> probe) : IVfsConnection
{
    private volatile bool _broken;

    /// <summary>False once a request on it got no answer, so the pool checks the store again before the next one.</summary>
    public bool IsConnected => !_broken;

    public Task ProbeAsync(CancellationToken cancellationToken) => probe(cancellationToken);

    public void Broken() => _broken = true;

    public void Dispose()
    {
        // Nothing to close: the connections belong to the shared SDK client.
    }
}
