namespace Aft.Scripting.Vfs.Connections;

/// <summary>A connection borrowed from a <see cref="VfsConnectionPool{T}"/>; disposing gives it back (or closes it when <see cref="Broken"/> was called).</summary>
public sealed class PooledConnection<T> : IAsyncDisposable where T : class, IVfsConnection
{
    private readonly VfsConnectionPool<T> _pool;
    private readonly IEndpointLease _lease;
    private bool _broken;
    private int _returned;

    internal PooledConnection(VfsConnectionPool<T> pool, T connection, IEndpointLease lease, bool reused)
    {
        _pool = pool;
        _lease = lease;
        Connection = connection;
        Reused = reused;
    }

    public T Connection { get; }

    /// <summary>Taken from the idle set rather than opened for this rental.</summary>
    public bool Reused { get; }

    /// <summary>The connection is in an unknown state (a transfer was cut off mid-way): close it instead of reusing it.</summary>
    public void Broken() => _broken = true;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _returned, 1) == 0 ? _pool.ReturnAsync(Connection, _lease, _broken) : ValueTask.CompletedTask;
}
