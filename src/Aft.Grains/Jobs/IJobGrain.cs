using Aft.Grains.Audit;
using Orleans.Concurrency;

namespace Aft.Grains.Jobs;

/// <summary>
/// One job, keyed by its id. The grain owns the job's lifecycle: it stores the submission (the job then waits in the
/// store until a node's <see cref="JobDispatcher"/> claims it), starts each attempt outside any grain call, records
/// every transition, retries per the job's policy and resumes a job whose node stopped or died.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Stores the submission durably, with its audit entry when <paramref name="actor"/> is given, and queues it. Returns once the job is committed.</summary>
    Task<JobRecord> SubmitAsync(JobRecord submission, AuditActor? actor);

    /// <summary>The job as it is now; null when no such job exists.</summary>
    Task<JobRecord?> GetAsync();

    /// <summary>Waits until the job has ended or <paramref name="maxWait"/> has passed, then returns it.</summary>
    [AlwaysInterleave]
    Task<JobRecord?> WaitForEndAsync(TimeSpan maxWait);

    /// <summary>Cancels the job (idempotent): a queued job ends at once; a running script gets its halt signal.</summary>
    Task<JobRecord?> CancelAsync();

    /// <summary>Picks the job up again when the node that held it is gone (restarted, stopped or dead).</summary>
    Task ResumeAsync();

    /// <summary>
    /// Called by the dispatcher of the node that claimed the job for a free slot. False: the job's activation is moving
    /// to <paramref name="claimer"/>; call again, and it starts there. True: started, or nothing to start (it ended).
    /// </summary>
    Task<bool> StartAttemptAsync(SiloAddress claimer);

    /// <summary>Called by the executor when an attempt's script has ended.</summary>
    Task CompleteAttemptAsync(int attempt, AttemptResult result);

    /// <summary>Deletes the job, its log and its state (retention).</summary>
    Task PurgeAsync();
}
