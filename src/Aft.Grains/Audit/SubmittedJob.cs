using Aft.Grains.Jobs;

namespace Aft.Grains.Audit;

/// <summary>
/// What the audit trail keeps of a submitted job: what it runs, not its params (those stay with the job, for its
/// retention, and may carry what the submitter would not want copied).
/// </summary>
public sealed record SubmittedJob(string? ScriptId, string? ScriptName, int? ScriptVersion, string? FilePath, string Source)
{
    public static SubmittedJob From(JobRecord job) => new(job.ScriptId, job.ScriptName, job.ScriptVersion, job.FilePath, job.Source.ToName());
}
