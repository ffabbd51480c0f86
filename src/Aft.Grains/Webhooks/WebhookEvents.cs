using Aft.Grains.Jobs;

namespace Aft.Grains.Webhooks;

/// <summary>The job events a webhook can subscribe to, by their wire name (the payload's <c>type</c>).</summary>
public static class WebhookEvents
{
    public const string Started = "job.started";
    public const string Retrying = "job.retrying";
    public const string Succeeded = "job.succeeded";
    public const string Failed = "job.failed";
    public const string Cancelled = "job.cancelled";
    public const string TimedOut = "job.timed_out";

    /// <summary>What <c>POST /v1/webhooks/{id}/test</c> sends: no job, only the webhook's id.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> All { get; } = [Started, Retrying, Succeeded, Failed, Cancelled, TimedOut];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The event a job's move from <paramref name="previous"/> to <paramref name="next"/> is; null for none (queued again, or no change).</summary>
    public static string? OfTransition(JobStatus previous, JobStatus next) => previous == next ? null : next switch
    {
        JobStatus.Running => Started,
        JobStatus.Retrying => Retrying,
        JobStatus.Succeeded => Succeeded,
        JobStatus.Failed => Failed,
        JobStatus.Cancelled => Cancelled,
        JobStatus.TimedOut => TimedOut,
        _ => null,
    };
}
