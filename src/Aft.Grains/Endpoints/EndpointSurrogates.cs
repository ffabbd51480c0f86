using Aft.Scripting.Vfs.Connections;

namespace Aft.Grains.Endpoints;

/// <summary>
/// The endpoint types cross grain calls, but they belong to the script runtime, which knows nothing of Orleans:
/// these surrogates carry them.
/// </summary>
[GenerateSerializer]
public struct LeaseDecisionSurrogate
{
    [Id(0)] public LeaseOutcome Outcome;
    [Id(1)] public string? LeaseId;
    [Id(2)] public DateTimeOffset? RetryAt;
    [Id(3)] public string? LastError;
}

[RegisterConverter]
public sealed class LeaseDecisionSurrogateConverter : IConverter<LeaseDecision, LeaseDecisionSurrogate>
{
    public LeaseDecision ConvertFromSurrogate(in LeaseDecisionSurrogate surrogate) =>
        new(surrogate.Outcome, surrogate.LeaseId, surrogate.RetryAt, surrogate.LastError);

    public LeaseDecisionSurrogate ConvertToSurrogate(in LeaseDecision value) =>
        new() { Outcome = value.Outcome, LeaseId = value.LeaseId, RetryAt = value.RetryAt, LastError = value.LastError };
}

[GenerateSerializer]
public struct EndpointHealthSurrogate
{
    [Id(0)] public string Endpoint;
    [Id(1)] public string State;
    [Id(2)] public int OpenLeases;
    [Id(3)] public int MaxConnections;
    [Id(4)] public int Waiting;
    [Id(5)] public int ConsecutiveFailures;
    [Id(6)] public string? LastError;
    [Id(7)] public DateTimeOffset? LastErrorAt;
    [Id(8)] public DateTimeOffset? LastConnectedAt;
    [Id(9)] public DateTimeOffset? RetryAt;
}

[RegisterConverter]
public sealed class EndpointHealthSurrogateConverter : IConverter<EndpointHealth, EndpointHealthSurrogate>
{
    public EndpointHealth ConvertFromSurrogate(in EndpointHealthSurrogate s) =>
        new(s.Endpoint, s.State, s.OpenLeases, s.MaxConnections, s.Waiting, s.ConsecutiveFailures, s.LastError, s.LastErrorAt, s.LastConnectedAt, s.RetryAt);

    public EndpointHealthSurrogate ConvertToSurrogate(in EndpointHealth h) => new()
    {
        Endpoint = h.Endpoint,
        State = h.State,
        OpenLeases = h.OpenLeases,
        MaxConnections = h.MaxConnections,
        Waiting = h.Waiting,
        ConsecutiveFailures = h.ConsecutiveFailures,
        LastError = h.LastError,
        LastErrorAt = h.LastErrorAt,
        LastConnectedAt = h.LastConnectedAt,
        RetryAt = h.RetryAt,
    };
}
