using MessagePack;

namespace Aft.Grains.Jobs;

/// <summary>
/// Everything known about one job. It is the job grain's persistent state and, column for column, a row
/// of the <c>jobs</c> table that listing and recovery read. Keys are numbered, so renaming a member or the
/// type never breaks stored state; new members take new numbers.
/// </summary>
/// <remarks>Immutable (init-only), so Orleans passes it between grains in one silo without copying it.</remarks>
[GenerateSerializer, Immutable, MessagePackObject]
public sealed record JobRecord
{
    [Id(0), Key(0)] public string JobId { get; init; } = string.Empty;
    [Id(1), Key(1)] public JobSource Source { get; init; }
    [Id(2), Key(2)] public string? ScriptId { get; init; }
    [Id(3), Key(3)] public string? ScriptName { get; init; }
    [Id(4), Key(4)] public int? ScriptVersion { get; init; }
    [Id(5), Key(5)] public string? FilePath { get; init; }
    /// <summary>The parameters as one JSON object (name to value).</summary>
    [Id(6), Key(6)] public string ParamsJson { get; init; } = "{}";
    [Id(7), Key(7)] public JobStatus Status { get; init; }
    [Id(8), Key(8)] public int Attempts { get; init; }
    [Id(9), Key(9)] public RetryPolicy Retry { get; init; } = RetryPolicy.None;
    [Id(10), Key(10)] public TimeSpan? Timeout { get; init; }
    /// <summary>The script's limit on its concurrent runs; 0 for none.</summary>
    [Id(11), Key(11)] public int MaxConcurrency { get; init; }
    [Id(12), Key(12)] public DateTimeOffset CreatedAt { get; init; }
    [Id(13), Key(13)] public DateTimeOffset? StartedAt { get; init; }
    [Id(14), Key(14)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(15), Key(15)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(16), Key(16)] public int? ExitCode { get; init; }
    [Id(17), Key(17)] public string? Error { get; init; }
    [Id(18), Key(18)] public bool CancelRequested { get; init; }
    /// <summary>The id of the API key that submitted the job (the scope of its idempotency key).</summary>
    [Id(19), Key(19)] public string? SubmittedBy { get; init; }
    [Id(20), Key(20)] public string? IdempotencyKey { get; init; }
    /// <summary>A hash of the submitted body, to tell a repeated request from a different one under the same key.</summary>
    [Id(21), Key(21)] public string? RequestHash { get; init; }
    /// <summary>The source of a script handed over whole (by <c>aft run</c>), instead of a stored script or a file.</summary>
    [Id(22), Key(22)] public string? Code { get; init; }
    /// <summary>Counts the job's transitions; of two copies of a job, the one with the higher revision is newer.</summary>
    [Id(23), Key(23)] public int Revision { get; init; }
    /// <summary>How far the transfers of the last attempt that moved files got (live only while it runs, see <see cref="JobProgress"/>).</summary>
    [Id(24), Key(24)] public JobProgress? Progress { get; init; }
    /// <summary>The silo that holds the job (in its run queue, waiting to retry, or running it); null once it ended. Failover resumes the jobs of a silo that died.</summary>
    [Id(25), Key(25)] public string? Owner { get; init; }
    /// <summary>The schedule whose occurrence made the job; null for jobs submitted otherwise.</summary>
    [Id(26), Key(26)] public string? ScheduleId { get; init; }

    /// <summary>The W3C traceparent of the request that submitted the job, which its attempts' spans continue; null when nothing traced it.</summary>
    [Id(30), Key(30)] public string? TraceParent { get; init; }

    [IgnoreMember] public bool IsTerminal => Status.IsTerminal();
}
