using Aft.Grains.Audit;
using Aft.Grains.Scripts;
using Aft.Grains.Telemetry;
using Aft.Grains.Webhooks;
using Aft.Scripting;
using Orleans.Runtime.Placement;
using Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Jobs;

/// <remarks>
/// Activation: a job's activation lives while its attempt runs, while a caller waits on it, and for a while after it
/// ended (readers ask then). A job waiting in the queue needs none: it is stored, the queue is the <c>jobs</c> table,
/// and the node that claims it activates it (on that node: <see cref="Orleans.Placement.PreferLocalPlacementAttribute"/>) to start it.
/// An activation that is still alive elsewhere when a node claims the job (a caller reads it there) moves to the
/// claiming node first, so each job runs where its slot was claimed and work spreads over the nodes.
/// Persistence: the <c>jobs</c> row (group-committed, fenced on <see cref="JobRecord.Revision"/>) records the
/// submission and every transition, and is what an activation loads. A copy of the job goes to the grain's state in
/// Orleans storage when an attempt ends (retrying or final), one storage write per attempt; that copy is read only
/// for the version a write must name, and not at all for a job that never ran, so activating a job to start it or
/// to read it costs one read.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class JobGrain(
    [FromKeyedServices(JobGrain.StorageName)] IGrainStorage storage,
    JobStore jobs,
    JobLogStore logs,
    ScriptStore scripts,
    JobDispatcher dispatcher,
    JobExecutor executor,
    WebhookOutbox webhooks,
    AuditTrail audit,
    AftMetrics metrics,
    TimeProvider clock,
    ILocalSiloDetails silo,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    public const string StorageName = "jobs";
    private const string StateName = "job";

    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(5);

    private readonly GrainState<JobRecord> _stored = new(new JobRecord());
    private JobRecord? _job;
    private bool _loaded;
    private Task? _loading;
    private bool _storedKnown;
    private bool _attemptRunning;
    private IGrainTimer? _timer;
    private TaskCompletionSource? _ended;
    private readonly TaskCompletionSource _moving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;
    private int _moveRequests;

    private string JobId => this.GetPrimaryKeyString();

    private string ThisSilo => silo.SiloAddress.ToParsableString();

    /// <summary>The job as callers see it: while an attempt runs, with its transfers' live progress.</summary>
    private JobRecord? Current =>
        _attemptRunning && _job is not null && executor.ProgressOf(JobId) is { } live ? _job with { Progress = live } : _job;

    public async Task<JobRecord> SubmitAsync(JobRecord submission, AuditActor? actor)
    {
        if (_loaded)
        {
            return _job ?? throw new InvalidOperationException($"job {JobId} was purged");
        }

        // The submitter made this id just now: there is nothing stored to read. The job waits unclaimed.
        submission = submission with { Revision = 1, Owner = null };
        await jobs.InsertAsync(submission, actor is null ? null : audit.Entry(actor, "job.submitted", "job", JobId, after: SubmittedJob.From(submission)));
        _job = submission;
        _loaded = true;
        _storedKnown = true;
        dispatcher.Wake();
        ReleaseWhileWaiting();
        return submission;
    }

    public async Task<JobRecord?> GetAsync()
    {
        await LoadAsync();
        var current = Current;
        ReleaseWhileWaiting();
        return current;
    }

    public async Task<JobRecord?> WaitForEndAsync(TimeSpan maxWait)
    {
        await LoadAsync();
        if (_job is null || _job.IsTerminal || maxWait <= TimeSpan.Zero)
        {
            return _job;
        }

        _ended ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters++;
        try
        {
            // A move lets the waiters go: they ask again, and find the job where it went.
            await Task.WhenAny(_ended.Task, _moving.Task, Task.Delay(maxWait, clock));
        }
        finally
        {
            _waiters--;
        }

        return Current;
    }

    public async Task<JobRecord?> CancelAsync()
    {
        await LoadAsync();
        if (_job is null || _job.IsTerminal || _job.CancelRequested)
        {
            return _job;
        }

        if (_attemptRunning)
        {
            Log(ScriptLogLevel.Warn, "cancel requested: the script got its halt signal");
            await SaveAsync(_job with { CancelRequested = true });
            executor.Cancel(JobId);
            return _job;
        }

        // Waiting, or claimed and not started yet: the ended row is no longer claimable, and a start that was on its way
        // finds the job over.
        await EndAsync(_job with { CancelRequested = true }, JobStatus.Cancelled, exitCode: null, "the job was cancelled before it ran");
        return _job;
    }

    public async Task ResumeAsync()
    {
        await LoadAsync();
        if (_job is null || _job.IsTerminal || _attemptRunning)
        {
            return;
        }

        if (_job.Status == JobStatus.Running)
        {
            // Its node stopped or died mid-attempt (this activation runs nothing for it).
            var interrupted = $"interrupted: the service stopped while attempt {_job.Attempts} was running";
            Log(ScriptLogLevel.Error, interrupted);
            await FinishAttemptAsync(new AttemptResult(AttemptOutcome.Failed, 1, interrupted));
            return;
        }

        if (_job.Owner is not null)
        {
            // Claimed by a node that is gone before it started: back to the queue.
            await SaveAsync(_job);
            dispatcher.Wake();
        }
    }

    public async Task<bool> StartAttemptAsync(SiloAddress claimer)
    {
        await LoadAsync();
        if (_job is null || _attemptRunning || _job.Status is not (JobStatus.Queued or JobStatus.Retrying))
        {
            return true;
        }

        // Should the move not happen (twice), the job runs here: a node past its slots beats a job that never starts.
        if (!claimer.Equals(silo.SiloAddress) && ++_moveRequests <= 2)
        {
            MoveTo(claimer);
            return false;
        }

        var attempt = _job.Attempts + 1;
        var now = clock.GetUtcNow();
        await SaveAsync(_job with { Status = JobStatus.Running, Attempts = attempt, StartedAt = _job.StartedAt ?? now, NextAttemptAt = null });
        _attemptRunning = true;
        KeepAlive();
        if (attempt == 1)
        {
            metrics.JobStarted(_job);
        }

        var (code, sourceName, problem) = await LoadCodeAsync(_job);
        if (code is null)
        {
            Log(ScriptLogLevel.Error, problem!);
            await CompleteAttemptAsync(attempt, new AttemptResult(AttemptOutcome.Failed, 1, problem));
            return true;
        }

        if (attempt > 1)
        {
            Log(ScriptLogLevel.Info, $"attempt {attempt} of {_job.Retry.MaxAttempts} started");
        }

        executor.Start(_job, code, sourceName);
        return true;
    }

    public async Task CompleteAttemptAsync(int attempt, AttemptResult result)
    {
        await LoadAsync();
        if (_job is null || _job.Status != JobStatus.Running || _job.Attempts != attempt)
        {
            return;
        }

        _attemptRunning = false;
        await logs.FlushAsync();
        await FinishAttemptAsync(result);
    }

    public async Task PurgeAsync()
    {
        await LoadAsync();
        if (_job is { IsTerminal: false })
        {
            return;
        }

        await KnowStoredAsync();
        if (_stored.RecordExists)
        {
            await storage.ClearStateAsync(StateName, this.GetGrainId(), _stored);
        }

        await jobs.DeleteAsync(JobId);
        _job = null;
        DeactivateOnIdle();
    }

    private async Task FinishAttemptAsync(AttemptResult result)
    {
        var job = result.Progress is { } progress ? _job! with { Progress = progress } : _job!;
        if (job.CancelRequested)
        {
            await EndAsync(job, JobStatus.Cancelled, result.ExitCode, "the job was cancelled");
            return;
        }

        if (result.Outcome == AttemptOutcome.Succeeded)
        {
            await EndAsync(job, JobStatus.Succeeded, 0, null);
            return;
        }

        var error = result.Outcome == AttemptOutcome.Stopped ? "interrupted: the service stopped the script" : result.Error;
        if (job.Attempts < job.Retry.MaxAttempts)
        {
            var delay = job.Retry.BackoffAfter(job.Attempts, Random.Shared);
            var next = clock.GetUtcNow() + delay;
            Log(ScriptLogLevel.Warn, $"attempt {job.Attempts} of {job.Retry.MaxAttempts} failed ({error}); retrying in {delay.TotalSeconds:0.###}s");
            await SaveAsync(job with { Status = JobStatus.Retrying, NextAttemptAt = next, ExitCode = result.ExitCode, Error = error });
            metrics.AttemptRetrying(_job!);
            dispatcher.WakeAt(next);
            ReleaseWhileWaiting();
            return;
        }

        var status = result.Outcome == AttemptOutcome.TimedOut ? JobStatus.TimedOut : JobStatus.Failed;
        await EndAsync(job, status, result.ExitCode, error);
    }

    private async Task EndAsync(JobRecord job, JobStatus status, int? exitCode, string? error)
    {
        StopTimer();
        await SaveAsync(job with { Status = status, ExitCode = exitCode, Error = error, FinishedAt = clock.GetUtcNow(), NextAttemptAt = null });
        metrics.JobFinished(_job!);
        _ended?.TrySetResult();
        LogJobEnded(logger, JobId, status.ToName());
    }

    /// <summary>
    /// Records a transition. A running job is this silo's; a waiting one (queued, retrying) is nobody's until a node
    /// claims it; an ended one nobody's. The row is fenced on the revision, so should the cluster have moved the job to
    /// another activation meanwhile (a silo declared dead that still ran), this one stops instead of overwriting it.
    /// The job in memory changes only once the row is written: a transition the store could not take (an outage) is
    /// tried again from the same state. The webhook deliveries the transition is due go into the outbox in the same write.
    /// </summary>
    private async Task SaveAsync(JobRecord job)
    {
        job = job with { Revision = _job!.Revision + 1, Owner = job.Status == JobStatus.Running ? ThisSilo : null };
        var row = jobs.UpdateAsync(job, await webhooks.EnqueueAsync(_job.Status, job));
        if (job.Status is JobStatus.Retrying || job.IsTerminal)
        {
            await KnowStoredAsync();
            _stored.State = job;
            await Task.WhenAll(storage.WriteStateAsync(StateName, this.GetGrainId(), _stored), row);
        }

        if (!await row)
        {
            throw LoseOwnership();
        }

        _job = job;
    }

    private JobOwnershipLostException LoseOwnership()
    {
        LogOwnershipLost(logger, JobId);
        StopTimer();
        if (_attemptRunning)
        {
            _attemptRunning = false;
            executor.Cancel(JobId);
        }

        _job = null;
        _loaded = false;
        _loading = null;
        DeactivateOnIdle();
        return new JobOwnershipLostException(JobId);
    }

    /// <summary>
    /// Reads the row once per activation. Callers that arrive while it is read share that one read: a waiter
    /// (<see cref="WaitForEndAsync"/> interleaves) with a read of its own that finished after a start had written
    /// <c>running</c> would put the queued copy back, and the attempt's end would then be ignored.
    /// </summary>
    private Task LoadAsync()
    {
        if (_loaded)
        {
            return Task.CompletedTask;
        }

        if (_loading is null || _loading.IsFaulted)
        {
            _loading = LoadRowAsync();
        }

        return _loading;
    }

    private async Task LoadRowAsync()
    {
        // The row is never older than the state copy: both are written together, the row awaited and fenced.
        _job = await jobs.GetAsync(JobId);
        _loaded = true;
        // A job that waits for its first attempt has no state copy (copies are written when attempts end).
        _storedKnown = _job is { Status: JobStatus.Queued, Attempts: 0 };
    }

    /// <summary>Reads the state copy's version (its ETag), which the next write of it must name, unless known.</summary>
    private async Task KnowStoredAsync()
    {
        if (!_storedKnown)
        {
            await storage.ReadStateAsync(StateName, this.GetGrainId(), _stored);
            _storedKnown = true;
        }
    }

    private async Task<(string? Code, string SourceName, string? Problem)> LoadCodeAsync(JobRecord job)
    {
        if (job.Code is { } inline)
        {
            return (inline, job.FilePath ?? "script", null);
        }

        if (job.ScriptId is { } scriptId && job.ScriptVersion is { } version)
        {
            var script = await scripts.GetVersionAsync(scriptId, version);
            return script is null
                ? (null, scriptId, $"script {scriptId} version {version} no longer exists")
                : (script.Code, script.Name, null);
        }

        // Jobs queued by a version that read a file job's script when it ran, not when it was submitted.
        var path = job.FilePath!;
        try
        {
            return (await File.ReadAllTextAsync(path), path, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, path, $"cannot read script file '{path}': {ex.Message}");
        }
    }

    /// <summary>Moves this activation to <paramref name="target"/> once no call runs on it.</summary>
    private void MoveTo(SiloAddress target)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            MigrateOnIdle();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        _moving.TrySetResult();
    }

    /// <summary>
    /// Lets the activation of a job that waits in the queue go, unless a caller waits on it or the job will start here
    /// soon (<see cref="JobDispatcher.StartsWaitingJobsHere"/>): the job is stored, and the node that claims it activates
    /// it again.
    /// </summary>
    private void ReleaseWhileWaiting()
    {
        if (_job is { Status: JobStatus.Queued or JobStatus.Retrying } && !_attemptRunning && _waiters == 0
            && (_job.Status == JobStatus.Retrying || !dispatcher.StartsWaitingJobsHere))
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Keeps the activation (and with it the cancel path) alive while its script runs, however long.</summary>
    private void KeepAlive()
    {
        StopTimer();
        _timer = this.RegisterGrainTimer(() => Task.CompletedTask,
            new GrainTimerCreationOptions(KeepAlivePeriod, KeepAlivePeriod) { KeepAlive = true });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Log(ScriptLogLevel level, string message) => logs.Append(JobId, _job?.Attempts ?? 0, level, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was recorded by another activation; this one stopped")]
    private static partial void LogOwnershipLost(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} ended: {Status}")]
    private static partial void LogJobEnded(ILogger logger, string jobId, string status);
}
