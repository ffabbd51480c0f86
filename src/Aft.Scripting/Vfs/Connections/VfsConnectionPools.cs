using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// Every connection pool of this node, keyed by <see cref="VfsPoolKey"/> (endpoint, options and credentials), so
/// back-to-back jobs against one server share its sessions. Sweeps idle connections every few seconds.
/// </summary>
public sealed class VfsConnectionPools : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, IVfsConnectionPool> _pools = new(StringComparer.Ordinal);
    private readonly IEndpointGate _gate;
    private readonly VfsConnectionOptions _options;
    private readonly TimeProvider _clock;
    private readonly ITimer _sweeper;

    public VfsConnectionPools(IEndpointGate gate, IOptions<VfsConnectionOptions> options, TimeProvider clock)
    {
        _gate = gate;
        _options = options.Value;
        _clock = clock;
        _sweeper = clock.CreateTimer(_ => _ = SweepAsync(), null, SweepInterval, SweepInterval);
    }

    public VfsConnectionOptions Options => _options;

    public IEndpointGate Gate => _gate;

    /// <summary>The pool for <paramref name="poolKey"/>, created with <paramref name="connect"/> on first use.</summary>
    public VfsConnectionPool<T> Get<T>(string poolKey, VfsEndpoint endpoint, int maxConnections, Func<CancellationToken, Task<T>> connect)
        where T : class, IVfsConnection =>
        (VfsConnectionPool<T>)_pools.GetOrAdd(poolKey, _ => new VfsConnectionPool<T>(endpoint, maxConnections, connect, MakeRoomAsync, _gate, _options, _clock));

    /// <summary>Connections this node has open to <paramref name="endpoint"/> (in use and idle), over all its pools.</summary>
    public (int Open, int Idle) CountFor(VfsEndpoint endpoint)
    {
        var pools = _pools.Values.Where(pool => pool.Endpoint.Key == endpoint.Key).ToList();
        return (pools.Sum(pool => pool.Open), pools.Sum(pool => pool.IdleCount));
    }

    /// <summary>When <paramref name="pool"/>'s endpoint is full on this node, closes the idle connections other pools keep to it.</summary>
    private async Task MakeRoomAsync(IVfsConnectionPool pool)
    {
        var others = _pools.Values.Where(other => other != pool && other.Endpoint.Key == pool.Endpoint.Key).ToList();
        if (others.Count == 0 || others.Sum(other => other.Open) + pool.Open < pool.MaxConnections)
        {
            return;
        }

        foreach (var other in others)
        {
            await other.CloseIdleAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }

        _pools.Clear();
    }

    /// <remarks>Empty pools are kept: they are a few objects each, and dropping one while a rental races for it would strand its connections.</remarks>
    private async Task SweepAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.SweepAsync();
        }
    }
}
