namespace Aft.Scripting;

public enum ScriptOutcomeKind
{
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
}

/// <summary>How a script run ended. <see cref="ExitCode"/> is 0 only for success.</summary>
public sealed record ScriptOutcome(ScriptOutcomeKind Kind, int ExitCode, string? Error)
{
    public static ScriptOutcome Success { get; } = new(ScriptOutcomeKind.Succeeded, 0, null);

    public static ScriptOutcome Failure(int exitCode, string error) => new(ScriptOutcomeKind.Failed, exitCode, error);
}
