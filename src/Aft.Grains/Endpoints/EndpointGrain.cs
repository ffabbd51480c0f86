using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Endpoints;

/// <inheritdoc cref="IEndpointGrain"/>
/// <remarks>Waiting acquires interleave with the calls that free a lease; the table itself is thread-safe.</remarks>
public sealed class EndpointGrain(IOptions<VfsConnectionOptions> options, TimeProvider clock) : Grain, IEndpointGrain
{
    private EndpointLeaseTable? _table;

    private EndpointLeaseTable Table => _table ??= new EndpointLeaseTable(this.GetPrimaryKeyString(), options.Value, clock);

    public Task<LeaseDecision> AcquireAsync(string holder, int maxConnections, TimeSpan maxWait) =>
        Table.AcquireAsync(holder, maxConnections, maxWait, CancellationToken.None);

    public Task<bool> RenewAsync(string holder, string[] leaseIds) => Task.FromResult(Table.Renew(holder, leaseIds));

    public Task ReleaseAsync(string leaseId)
    {
        Table.Release(leaseId);
        return Task.CompletedTask;
    }

    public Task ReportConnectAsync(string? error)
    {
        Table.ReportConnect(error);
        return Task.CompletedTask;
    }

    public Task<EndpointHealth> GetHealthAsync() => Task.FromResult(Table.Snapshot());
}
