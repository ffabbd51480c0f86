using Aft.Grains.Scripts;

namespace Aft.Api.Scripts;

public sealed record RetryPolicyResponse(int MaxAttempts, double InitialBackoffSeconds, double BackoffMultiplier, double MaxBackoffSeconds);

public sealed record ScriptResponse(
    string Id,
    string Name,
    string Description,
    int Version,
    string Code,
    RetryPolicyResponse Retry,
    double? TimeoutSeconds,
    int MaxConcurrency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ScriptResponse From(ScriptDefinition script) => new(
        script.Id, script.Name, script.Description, script.Version, script.Code,
        new RetryPolicyResponse(script.Retry.MaxAttempts, script.Retry.InitialBackoff.TotalSeconds, script.Retry.Multiplier, script.Retry.MaxBackoff.TotalSeconds),
        script.Timeout?.TotalSeconds, script.MaxConcurrency, script.CreatedAt, script.UpdatedAt);
}
