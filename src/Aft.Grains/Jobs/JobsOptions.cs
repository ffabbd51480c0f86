namespace Aft.Grains.Jobs;

/// <summary>How this node runs jobs. Bound from <c>Aft:Jobs</c>.</summary>
public sealed class JobsOptions
{
    /// <summary>Jobs running at once on this node; the rest wait in the store's queue for a free slot on any node.</summary>
    public int MaxConcurrentJobs { get; set; } = 32;

    /// <summary>
    /// How often a node with free slots looks for jobs that other nodes queued (a job queued or retrying on this node
    /// wakes it at once).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the oldest node checks that every claimed or running job is held by a live node, and each node that
    /// what it holds is really under way (the cluster's membership changes trigger the first check at once).
    /// </summary>
    public TimeSpan OwnershipCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

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
