using Aft.Grains.Jobs;

namespace Aft.Grains.Scripts;

/// <summary>One version of a stored script: its code and how its jobs run.</summary>
public sealed record ScriptDefinition(
    string Id,
    string Name,
    int Version,
    string Description,
    string Code,
    RetryPolicy Retry,
    TimeSpan? Timeout,
    int MaxConcurrency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
