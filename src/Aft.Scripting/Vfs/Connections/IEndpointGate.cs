namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// Limits and health of remote endpoints. In a silo one endpoint grain per endpoint keeps them cluster-wide; an
/// in-process <c>aft run</c> keeps them in memory (<see cref="LocalEndpointGate"/>). Every connection a pool opens
/// holds a lease from here for as long as it stays open.
/// </summary>
public interface IEndpointGate
{
    /// <summary>
    /// Waits up to <paramref name="maxWait"/> for one of the endpoint's <paramref name="maxConnections"/>. Throws a
    /// <see cref="VfsException"/> at once when the endpoint is failing fast after repeated connect failures, and when
    /// the wait runs out.
    /// </summary>
    Task<IEndpointLease> AcquireAsync(VfsEndpoint endpoint, int maxConnections, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Records how a connect ended: null when it succeeded, else the error shown in the endpoint's health.</summary>
    Task ReportConnectAsync(VfsEndpoint endpoint, string? error);

    Task<EndpointHealth> GetHealthAsync(VfsEndpoint endpoint);
}

/// <summary>The right to keep one connection open to an endpoint; disposing gives it back.</summary>
public interface IEndpointLease : IAsyncDisposable
{
    /// <summary>Someone else waits for the endpoint: an idle connection should be closed, not kept.</summary>
    bool Contended { get; }
}
