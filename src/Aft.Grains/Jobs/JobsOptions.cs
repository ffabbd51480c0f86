namespace Aft.Grains.Jobs;

/// <summary>How this node runs jobs. Bound from <c>Aft:Jobs</c>.</summary>
public sealed class JobsOptions
{
    /// <summary>Jobs running at once on this node; the rest wait in its queue.</summary>
    public int MaxConcurrentJobs { get; set; } = 32;

    /// <summary>
    /// Waiting jobs kept as live grain activations. Behind that many, a waiting job's activation is let go (its
    /// submission is already stored) and the job is activated again from the store when its turn comes, so a
    /// backlog costs a queue entry per job, not an activation.
    /// </summary>
    public int ActiveQueuedJobs { get; set; } = 10_000;

    /// <summary>How long a cancelled script may run on after its halt signal before its engine is stopped.</summary>
    public TimeSpan CancelGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long running jobs may go on before they are left to resume at the next start.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long finished jobs and their logs are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often finished jobs past <see cref="Retention"/> are purged.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Log lines one attempt may write; the rest are dropped after one notice.</summary>
    public int MaxLogLinesPerAttempt { get; set; } = 10_000;

    /// <summary>Longer log lines are cut.</summary>
    public int MaxLogLineLength { get; set; } = 8_192;

    /// <summary>The longest <c>?wait=</c> a status request may ask for.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);
}
