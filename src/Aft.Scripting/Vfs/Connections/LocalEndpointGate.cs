using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// The endpoint limits and health of one process, for an <c>aft run</c> without a service (a silo replaces this
/// with its endpoint grains). Leases live as long as the connection that holds them.
/// </summary>
public sealed class LocalEndpointGate(IOptions<VfsConnectionOptions> options, TimeProvider clock) : IEndpointGate
{
    private readonly ConcurrentDictionary<string, EndpointLeaseTable> _tables = new(StringComparer.Ordinal);

    public async Task<IEndpointLease> AcquireAsync(VfsEndpoint endpoint, int maxConnections, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var table = Table(endpoint);
        var decision = await table.AcquireAsync(Environment.ProcessId.ToString(), maxConnections, maxWait, cancellationToken);
        return decision.Outcome switch
        {
            LeaseOutcome.Granted => new Lease(table, decision.LeaseId!),
            LeaseOutcome.Failing => throw new VfsException(decision.LastError!),
            _ => throw EndpointWaitExpired(endpoint, maxConnections, maxWait),
        };
    }

    public Task ReportConnectAsync(VfsEndpoint endpoint, string? error)
    {
        Table(endpoint).ReportConnect(error);
        return Task.CompletedTask;
    }

    public Task<EndpointHealth> GetHealthAsync(VfsEndpoint endpoint) => Task.FromResult(Table(endpoint).Snapshot());

    /// <summary>The error of a wait for a connection that ran out; shared with the silo's gate.</summary>
    public static VfsException EndpointWaitExpired(VfsEndpoint endpoint, int maxConnections, TimeSpan waited) =>
        new($"no connection to {endpoint.Key} became free within {waited.TotalSeconds:0} s (all {maxConnections} allowed by maxConnections are in use)")
        {
            Transient = true,
        };

    private EndpointLeaseTable Table(VfsEndpoint endpoint) =>
        _tables.GetOrAdd(endpoint.Key, key => new EndpointLeaseTable(key, options.Value, clock, renewed: false));

    /// <summary>In one process a holder cannot die without its leases, so nothing is renewed; the lease lives until disposed.</summary>
    private sealed class Lease(EndpointLeaseTable table, string id) : IEndpointLease
    {
        private int _released;

        public bool Contended => table.Snapshot().Waiting > 0;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                table.Release(id);
            }

            return ValueTask.CompletedTask;
        }
    }
}
