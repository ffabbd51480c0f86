using Aft.Scripting.Vfs.Connections;
using Orleans.Concurrency;

namespace Aft.Grains.Endpoints;

/// <summary>
/// One remote endpoint (keyed by <see cref="Aft.Scripting.Vfs.VfsEndpoint.Key"/>), cluster-wide: the leases on its
/// <c>maxConnections</c>, each held by one node's connection pool and renewed while the connection stays open, and
/// its health (a circuit breaker over connect failures). Its state is soft: leases are renewed by their holders, so
/// a reactivated grain rebuilds it within one renewal period.
/// </summary>
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>Waits up to <paramref name="maxWait"/> (below the grain-call timeout) for a lease.</summary>
    [AlwaysInterleave]
    Task<LeaseDecision> AcquireAsync(string holder, int maxConnections, TimeSpan maxWait);

    /// <summary>Extends the holder's leases; returns whether others wait for the endpoint.</summary>
    Task<bool> RenewAsync(string holder, string[] leaseIds);

    Task ReleaseAsync(string leaseId);

    /// <summary>Records a connect: null when it worked, else its error.</summary>
    Task ReportConnectAsync(string? error);

    [ReadOnly]
    Task<EndpointHealth> GetHealthAsync();
}
