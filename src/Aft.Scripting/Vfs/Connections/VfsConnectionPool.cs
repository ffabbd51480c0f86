namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// The live connections of one endpoint and one set of credentials on this node. A connection is rented for one
/// operation (or one read stream) and given back; idle ones are reused by the next operation of any job, checked
/// with a round trip when they sat idle a while, replaced when broken, and closed after
/// <see cref="VfsConnectionOptions.IdleTimeout"/>. Opening one takes a lease from the <see cref="IEndpointGate"/>
/// (the cluster-wide <c>maxConnections</c>) and reports the connect's outcome to the endpoint's health.
/// </summary>
public sealed class VfsConnectionPool<T> : IVfsConnectionPool where T : class, IVfsConnection
{
    private readonly Func<CancellationToken, Task<T>> _connect;
    private readonly Func<IVfsConnectionPool, Task> _makeRoom;
    private readonly IEndpointGate _gate;
    private readonly VfsConnectionOptions _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<Idle> _idle = new();
    private int _open;

    /// <param name="endpoint">Where the connections go.</param>
    /// <param name="maxConnections">The endpoint's limit, which this pool keeps too.</param>
    /// <param name="connect">Opens one connection.</param>
    /// <param name="makeRoom">Closes this node's idle connections to the endpoint in other pools, when this one needs the room.</param>
    /// <param name="gate">Leases and health.</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="clock">The time source.</param>
    internal VfsConnectionPool(
        VfsEndpoint endpoint, int maxConnections, Func<CancellationToken, Task<T>> connect, Func<IVfsConnectionPool, Task> makeRoom,
        IEndpointGate gate, VfsConnectionOptions options, TimeProvider clock)
    {
        Endpoint = endpoint;
        MaxConnections = maxConnections;
        _connect = connect;
        _makeRoom = makeRoom;
        _gate = gate;
        _options = options;
        _clock = clock;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    public VfsEndpoint Endpoint { get; }

    public int MaxConnections { get; }

    /// <summary>Connections open now (in use or idle).</summary>
    public int Open => Volatile.Read(ref _open);

    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Borrows a connection: an idle one that still works, or a new one. Dispose the result to give it back.</summary>
    public async Task<PooledConnection<T>> RentAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_options.WaitTimeout, cancellationToken))
        {
            throw LocalEndpointGate.EndpointWaitExpired(Endpoint, MaxConnections, _options.WaitTimeout);
        }

        try
        {
            while (TakeIdle() is { } idle)
            {
                if (await StillWorksAsync(idle, cancellationToken))
                {
                    return new PooledConnection<T>(this, idle.Connection, idle.Lease, reused: true);
                }

                await CloseAsync(idle.Connection, idle.Lease);
            }

            // Idle sessions of other pools (other credentials, say) would hold the endpoint's leases for their idle timeout.
            await _makeRoom(this);
            var lease = await _gate.AcquireAsync(Endpoint, MaxConnections, _options.WaitTimeout, cancellationToken);
            try
            {
                var connection = await ConnectAsync(cancellationToken);
                Interlocked.Increment(ref _open);
                return new PooledConnection<T>(this, connection, lease, reused: false);
            }
            catch
            {
                await lease.DisposeAsync();
                throw;
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Runs one operation on a rented connection. A connection the operation found dead, or cut off mid-way (a
    /// transient error), is closed rather than pooled; if it came from the idle set (the server dropped it while it
    /// waited), the operation runs once more on a new connection.
    /// </summary>
    public async Task<TResult> RunAsync<TResult>(Func<T, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var rented = await RentAsync(cancellationToken);
            try
            {
                return await operation(rented.Connection, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsConnectionLost(ex, rented.Connection))
            {
                rented.Broken();
                if (!rented.Reused)
                {
                    throw;
                }
            }
            finally
            {
                await rented.DisposeAsync();
            }
        }
    }

    /// <summary>Whether a failure means the connection itself is gone (or in an unknown state), not just that one request was refused.</summary>
    public static bool IsConnectionLost(Exception exception, T connection) =>
        !connection.IsConnected || exception is VfsException { Transient: true } or TimeoutException or System.Net.Sockets.SocketException;

    public Task RunAsync(Func<T, CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(async (connection, token) =>
        {
            await operation(connection, token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Closes idle connections past the idle timeout, and those whose lease others are waiting for (another node
    /// needs the endpoint). Called by <see cref="VfsConnectionPools"/> now and then.
    /// </summary>
    public Task SweepAsync()
    {
        var cutoff = _clock.GetUtcNow() - _options.IdleTimeout;
        return CloseIdleAsync(idle => idle.Since <= cutoff || idle.Lease.Contended);
    }

    /// <summary>Closes every idle connection, giving their leases back.</summary>
    public Task CloseIdleAsync() => CloseIdleAsync(_ => true);

    private async Task CloseIdleAsync(Func<Idle, bool> close)
    {
        List<Idle> closing;
        lock (_idle)
        {
            var keep = _idle.Where(idle => !close(idle)).Reverse().ToList();
            closing = [.. _idle.Where(close)];
            _idle.Clear();
            keep.ForEach(_idle.Push);
        }

        foreach (var idle in closing)
        {
            await CloseAsync(idle.Connection, idle.Lease);
        }
    }

    /// <summary>Closes every idle connection (shutdown).</summary>
    public async ValueTask DisposeAsync() => await CloseIdleAsync();

    internal async ValueTask ReturnAsync(T connection, IEndpointLease lease, bool broken)
    {
        try
        {
            if (broken || !connection.IsConnected || lease.Contended)
            {
                await CloseAsync(connection, lease);
                return;
            }

            lock (_idle)
            {
                _idle.Push(new Idle(connection, lease, _clock.GetUtcNow()));
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private Idle? TakeIdle()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var idle) ? idle : null;
        }
    }

    private async Task<bool> StillWorksAsync(Idle idle, CancellationToken cancellationToken)
    {
        if (!idle.Connection.IsConnected)
        {
            return false;
        }

        if (_clock.GetUtcNow() - idle.Since < _options.ProbeAfterIdle)
        {
            return true;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            await idle.Connection.ProbeAsync(timeout.Token);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<T> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            T connection;
            try
            {
                connection = await _connect(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new VfsException($"connecting to {Endpoint.Key} timed out after {_options.ConnectTimeout.TotalSeconds:0} s") { Transient = true };
            }

            await _gate.ReportConnectAsync(Endpoint, null);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await _gate.ReportConnectAsync(Endpoint, ex.Message);
            throw;
        }
    }

    private async Task CloseAsync(T connection, IEndpointLease lease)
    {
        Interlocked.Decrement(ref _open);
        try
        {
            connection.Dispose();
        }
        catch (Exception)
        {
            // A connection that cannot even close cleanly is gone all the same.
        }

        await lease.DisposeAsync();
    }

    private sealed record Idle(T Connection, IEndpointLease Lease, DateTimeOffset Since);
}

/// <summary>What <see cref="VfsConnectionPools"/> needs of a pool whatever its connection type.</summary>
public interface IVfsConnectionPool : IAsyncDisposable
{
    VfsEndpoint Endpoint { get; }

    int Open { get; }

    int IdleCount { get; }

    int MaxConnections { get; }

    Task SweepAsync();

    Task CloseIdleAsync();
}
