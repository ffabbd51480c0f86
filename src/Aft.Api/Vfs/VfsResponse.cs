using Aft.Grains.Vfs;

namespace Aft.Api.Vfs;

/// <summary>A VFS Library entry as the API shows it: credentials are secret names, never values.</summary>
public sealed record VfsResponse(
    string Name,
    string Type,
    string Target,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> Credentials,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static VfsResponse From(VfsRecord record) => new(
        record.Definition.Name, record.Definition.Type, record.Definition.Target, record.Definition.Options,
        record.Definition.Credentials, record.CreatedAt, record.UpdatedAt);
}

public sealed record VfsTestResponse(string Name, bool Ok, int? Entries, string? Error);

/// <summary>
/// <c>GET /v1/vfs/{name}/health</c>: the endpoint's state cluster-wide (<c>healthy</c>, <c>degraded</c>, <c>failing</c>,
/// <c>probing</c>, or <c>local</c> for a VFS without one), its leases against <c>maxConnections</c>, requests waiting,
/// connect failures in a row with the last error, and this node's open and idle pooled connections.
/// </summary>
public sealed record VfsHealthResponse(
    string Name,
    string Type,
    string? Endpoint,
    string State,
    int OpenLeases,
    int MaxConnections,
    int Waiting,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? RetryAt,
    int NodeOpenConnections,
    int NodeIdleConnections);
