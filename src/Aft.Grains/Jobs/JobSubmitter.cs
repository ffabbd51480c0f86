using Aft.Grains.Audit;
using Aft.Grains.Scripts;
using Aft.Grains.Settings;
using Aft.Grains.Telemetry;

namespace Aft.Grains.Jobs;

/// <summary>
/// Turns a submission into a stored, queued job: resolves the script to its current version, applies the
/// idempotency key and stores the job, through its grain when the job will start on this node (the activation then
/// stays for the start), otherwise straight into the queue (no activation to make and let go at once; in a cluster
/// that would cost two calls to the grain directory per job). Used by <c>POST /v1/jobs</c>, by <c>aft run</c> and by schedules.
/// </summary>
public sealed class JobSubmitter(
    IGrainFactory grains, ScriptStore scripts, SettingsStore settings, JobStore jobs, JobDispatcher dispatcher, JobIdGenerator ids, AuditTrail audit, AftMetrics metrics,
    TimeProvider clock)
{
    /// <returns>The job, and whether it was created now (false: an earlier submission with the same idempotency key).</returns>
    public async Task<(JobRecord Job, bool Created)> SubmitAsync(JobSubmission submission)
    {
        if (submission.IdempotencyKey is { } key && await FindRepeatAsync(submission, key) is { } existing)
        {
            return (existing, false);
        }

        var job = await BuildAsync(submission) with { Revision = 1, Owner = null };
        try
        {
            if (dispatcher.StartsWaitingJobsHere)
            {
                job = await grains.GetGrain<IJobGrain>(job.JobId).SubmitAsync(job, submission.Actor);
            }
            else
            {
                await jobs.InsertAsync(job, submission.Actor is { } actor
                    ? audit.Entry(actor, "job.submitted", "job", job.JobId, after: SubmittedJob.From(job))
                    : null);
                dispatcher.Wake();
            }

            metrics.JobSubmitted(job);
            return (job, true);
        }
        catch (DuplicateIdempotencyKeyException)
        {
            // A concurrent request with the same key won the insert; answer with its job.
            return (await FindRepeatAsync(submission, submission.IdempotencyKey!) ?? throw new InvalidOperationException("idempotent job vanished"), false);
        }
    }

    private async Task<JobRecord?> FindRepeatAsync(JobSubmission submission, string key)
    {
        var existing = await jobs.FindByIdempotencyKeyAsync(submission.SubmittedBy, key);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == submission.RequestHash
            ? existing
            : throw new JobSubmissionException(JobSubmissionError.IdempotencyKeyReused, "Idempotency-Key",
                $"the Idempotency-Key '{key}' was already used for a different request (job {existing.JobId})");
    }

    private async Task<JobRecord> BuildAsync(JobSubmission submission)
    {
        var job = new JobRecord
        {
            JobId = ids.Next(),
            Source = submission.Source,
            ParamsJson = submission.ParamsJson,
            Status = JobStatus.Queued,
            CreatedAt = clock.GetUtcNow(),
            SubmittedBy = submission.SubmittedBy,
            IdempotencyKey = submission.IdempotencyKey,
            RequestHash = submission.RequestHash,
            ScheduleId = submission.ScheduleId,
            TraceParent = AftActivitySource.CurrentTraceParent(),
        };

        if (submission.Code is { } code)
        {
            return job with { FilePath = submission.FilePath, Code = code };
        }

        if (submission.FilePath is { } path)
        {
            if (submission.Source == JobSource.Api && !(await settings.GetAsync()).AllowFilePathJobs)
            {
                throw new JobSubmissionException(JobSubmissionError.FilePathJobsDisabled, "filePath",
                    "jobs that name a script file are disabled; an administrator can enable them with the allowFilePathJobs setting");
            }

            // Read now, on the node that was asked: the job may run on any node of a cluster, and it runs the script as
            // it was when submitted, as a stored script's job runs the version current then.
            var fullPath = Path.GetFullPath(path);
            try
            {
                return job with { FilePath = fullPath, Code = await File.ReadAllTextAsync(fullPath) };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new JobSubmissionException(JobSubmissionError.FileNotFound, "filePath",
                    ex is FileNotFoundException or DirectoryNotFoundException ? $"no script file at '{fullPath}'" : $"cannot read the script file '{fullPath}': {ex.Message}");
            }
        }

        var script = submission.ScriptId is { } id ? await scripts.GetAsync(id) : await scripts.FindByNameAsync(submission.ScriptName!);
        if (script is null)
        {
            var (field, value) = submission.ScriptId is not null ? ("scriptId", submission.ScriptId) : ("scriptName", submission.ScriptName);
            throw new JobSubmissionException(JobSubmissionError.UnknownScript, field, $"no script with {field} '{value}'");
        }

        return job with
        {
            ScriptId = script.Id,
            ScriptName = script.Name,
            ScriptVersion = script.Version,
            Retry = script.Retry,
            Timeout = script.Timeout,
            MaxConcurrency = script.MaxConcurrency,
        };
    }
}
