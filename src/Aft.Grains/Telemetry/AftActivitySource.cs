using System.Diagnostics;
using Aft.Grains.Jobs;

namespace Aft.Grains.Telemetry;

/// <summary>
/// AFT's spans, on one activity source named <see cref="Name"/>. A job is one trace: its submitting request's context
/// is stored with it (<see cref="JobRecord.TraceParent"/>), and each attempt's span continues it on whichever silo
/// runs the attempt; the script's HTTP calls and VFS transfers are children of the attempt.
/// </summary>
public static class AftActivitySource
{
    public const string Name = AftMetrics.MeterName;

    private static readonly ActivitySource Source = new(Name);

    /// <summary>The context of the current span, to store with a job submitted under it; null when nothing traces.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The span of one attempt, a child of the submission's; null when nobody listens.</summary>
    public static Activity? StartAttempt(JobRecord job)
    {
        ActivityContext.TryParse(job.TraceParent, null, isRemote: true, out var parent);
        var activity = Source.StartActivity("job.attempt", ActivityKind.Internal, parent);
        activity?.SetTag("aft.job.id", job.JobId)
            .SetTag("aft.job.attempt", job.Attempts)
            .SetTag("aft.job.script", job.ScriptName);
        return activity;
    }
}
