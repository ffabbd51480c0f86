namespace Aft.Scripting.Vfs.Connections;

/// <summary>How an endpoint is doing, as <c>GET /v1/vfs/{name}/health</c> shows it.</summary>
/// <param name="Endpoint">The endpoint key (<see cref="VfsEndpoint.Key"/>).</param>
/// <param name="State"><c>healthy</c>, <c>degraded</c> (recent connect failures), <c>failing</c> (refusing connects until <paramref name="RetryAt"/>) or <c>probing</c> (one trial connect let through).</param>
/// <param name="OpenLeases">Connections open to it now, cluster-wide.</param>
/// <param name="MaxConnections">The limit last asked for.</param>
/// <param name="Waiting">Requests waiting for a connection.</param>
/// <param name="ConsecutiveFailures">Failed connects since the last one that worked.</param>
/// <param name="LastError">The last connect error, if any.</param>
/// <param name="LastErrorAt">When it happened.</param>
/// <param name="LastConnectedAt">The last connect that worked.</param>
/// <param name="RetryAt">While failing: when the next trial connect is let through.</param>
public sealed record EndpointHealth(
    string Endpoint,
    string State,
    int OpenLeases,
    int MaxConnections,
    int Waiting,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? RetryAt);
