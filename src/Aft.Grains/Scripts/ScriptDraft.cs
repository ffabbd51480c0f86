using Aft.Grains.Jobs;

namespace Aft.Grains.Scripts;

/// <summary>What an administrator sends to create a script or to make its next version.</summary>
public sealed record ScriptDraft(
    string Name,
    string Description,
    string Code,
    RetryPolicy Retry,
    TimeSpan? Timeout,
    int MaxConcurrency);
