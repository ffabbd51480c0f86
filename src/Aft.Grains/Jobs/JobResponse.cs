using System.Text.Json;

namespace Aft.Grains.Jobs;

/// <summary>
/// How a job is shown in every answer (submit, status, list, cancel) and in webhook deliveries. <c>silo</c> is the
/// address of the silo that runs the job, or claimed it to start it; null while it waits in the queue and once it ended.
/// <c>scheduleId</c> names the schedule that made the job (<c>source: "schedule"</c>).
/// </summary>
public sealed record JobResponse(
    string JobId,
    string Status,
    int? ExitCode,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    string? ScriptId,
    string? ScriptName,
    int? ScriptVersion,
    string? FilePath,
    JsonElement Params,
    string Source,
    string? ScheduleId,
    bool CancelRequested,
    JobProgress? Progress,
    string? Silo)
{
    public static JobResponse From(JobRecord job)
    {
        using var parameters = JsonDocument.Parse(job.ParamsJson);
        return new JobResponse(
            job.JobId, job.Status.ToName(), job.ExitCode, job.Attempts, job.Retry.MaxAttempts, job.NextAttemptAt,
            job.CreatedAt, job.StartedAt, job.FinishedAt, job.Error, job.ScriptId, job.ScriptName, job.ScriptVersion,
            job.FilePath, parameters.RootElement.Clone(), job.Source.ToName(), job.ScheduleId, job.CancelRequested, job.Progress,
            job.Owner is { } owner ? SiloAddress.FromParsableString(owner).Endpoint.ToString() : null);
    }
}
