namespace Aft.Scripting.Vfs.Connections;

public enum LeaseOutcome
{
    /// <summary>The lease is granted: <see cref="LeaseDecision.LeaseId"/>.</summary>
    Granted,

    /// <summary>All of the endpoint's connections are taken; try again when one is given back.</summary>
    Full,

    /// <summary>The endpoint is failing fast after repeated connect failures, until <see cref="LeaseDecision.RetryAt"/>.</summary>
    Failing,
}

/// <summary>The answer to a lease request.</summary>
public sealed record LeaseDecision(LeaseOutcome Outcome, string? LeaseId = null, DateTimeOffset? RetryAt = null, string? LastError = null)
{
    /// <summary>The error an operation reports when the endpoint fails fast.</summary>
    public static string FailingMessage(string endpoint, int failures, string? lastError, DateTimeOffset retryAt, DateTimeOffset now) =>
        $"{endpoint} is failing: {failures} connects in a row failed (last: {lastError ?? "unknown"}); " +
        $"not trying again for {Math.Max(1, (int)Math.Ceiling((retryAt - now).TotalSeconds))} s";
}
