using Aft.Scripting;

namespace Aft.Grains.Jobs;

/// <summary>How one attempt ended, as the executor reports it to the job grain.</summary>
[GenerateSerializer, Immutable]
public sealed record AttemptResult(
    [property: Id(0)] AttemptOutcome Outcome,
    [property: Id(1)] int ExitCode,
    [property: Id(2)] string? Error,
    [property: Id(3)] JobProgress? Progress = null)
{
    public static AttemptResult From(ScriptOutcome outcome, JobProgress? progress) => new(outcome.Kind switch
    {
        ScriptOutcomeKind.Succeeded => AttemptOutcome.Succeeded,
        ScriptOutcomeKind.TimedOut => AttemptOutcome.TimedOut,
        ScriptOutcomeKind.Cancelled => AttemptOutcome.Stopped,
        _ => AttemptOutcome.Failed,
    }, outcome.ExitCode, outcome.Error, progress?.Final());
}

[GenerateSerializer]
public enum AttemptOutcome
{
    Succeeded,
    Failed,
    TimedOut,
    /// <summary>The engine was stopped: a cancel, or the service shutting down.</summary>
    Stopped,
}
