using System.Collections.Concurrent;
using System.Diagnostics;
using Aft.Grains.Security;
using Aft.Grains.Telemetry;
using Aft.Scripting;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Transfers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// Runs attempts on this node. A script never runs inside a grain call: each attempt runs on one of the
/// <see cref="ScriptThreads"/> (scripts block in Sleep, WaitForHaltSignal and I/O for as long as they like),
/// and reports back to its job grain when it ends.
/// </summary>
public sealed partial class JobExecutor(
    ScriptRunner runner,
    SecretStore secrets,
    JobLogStore logs,
    ScriptThreads threads,
    IGrainFactory grains,
    IServiceProvider services,
    AftMetrics metrics,
    IOptions<JobsOptions> options,
    ILogger<JobExecutor> logger)
{
    private static readonly TimeSpan MaxReportBackoff = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private int _runningScripts;

    /// <summary>Raised when a script ends, freeing its slot (its end may still be on its way to the grain).</summary>
    public event Action? SlotFreed;

    /// <summary>Scripts running on this node now: the slots in use.</summary>
    public int RunningCount => Volatile.Read(ref _runningScripts);

    /// <summary>Whether an attempt of <paramref name="jobId"/> runs here, or its end is still being recorded.</summary>
    public bool IsRunning(string jobId) => _executions.ContainsKey(jobId);

    public void Start(JobRecord job, string code, string sourceName)
    {
        var execution = new Execution(job);
        if (!_executions.TryAdd(job.JobId, execution))
        {
            throw new InvalidOperationException($"job {job.JobId} is already running on this node");
        }

        var request = new ScriptRunRequest(job.JobId, code, job.ParamsJson, job.Attempts, job.Timeout, sourceName);
        var environment = new ScriptEnvironment
        {
            Log = new JobLogWriter(logs, job.JobId, job.Attempts, options.Value.MaxLogLinesPerAttempt),
            Secrets = secrets,
            Services = services,
            Progress = execution.Progress,
        };

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        execution.Completion = completion.Task;
        Interlocked.Increment(ref _runningScripts);
        metrics.AttemptRunning(+1);
        threads.Run(() =>
        {
            var outcome = Run(execution, request, environment);
            // Reporting is asynchronous (a grain call); the script thread is free again at once.
            _ = ReportAsync(execution, outcome, completion);
        });
    }

    /// <summary>How far the transfers of the job's running attempt have got; null when it runs elsewhere or moved no files yet.</summary>
    public JobProgress? ProgressOf(string jobId) =>
        _executions.TryGetValue(jobId, out var execution) ? JobProgress.From(execution.Progress) : null;

    /// <summary>Raises the job's halt signal and stops its engine after the cancel grace period.</summary>
    public void Cancel(string jobId)
    {
        if (_executions.TryGetValue(jobId, out var execution))
        {
            execution.Halt.Cancel();
            execution.Stop.CancelAfter(options.Value.CancelGracePeriod);
        }
    }

    /// <summary>
    /// For shutdown: lets running scripts go on for <paramref name="gracePeriod"/>, then halts them and
    /// finally stops their engines. A halted attempt is recorded as interrupted and its job retried per its policy, on
    /// another node of a cluster; jobs whose end could not be recorded at all are resumed once this node is seen gone.
    /// </summary>
    public async Task DrainAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var running = _executions.Values.Select(execution => execution.Completion).ToArray();
        if (running.Length == 0)
        {
            await _shutdown.CancelAsync();
            return;
        }

        LogDraining(logger, gracePeriod, JobCount.Of(running.Length, "running"));
        var all = Task.WhenAll(running);
        await Task.WhenAny(all, Task.Delay(gracePeriod, cancellationToken));
        foreach (var execution in _executions.Values)
        {
            try
            {
                execution.Halt.Cancel();
                execution.Stop.CancelAfter(TimeSpan.FromSeconds(2));
            }
            catch (ObjectDisposedException)
            {
                // It ended while we were getting to it.
            }
        }

        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        await _shutdown.CancelAsync();
    }

    /// <summary>
    /// Runs the script on this (script) thread inside the attempt's span, which continues the submission's trace, and
    /// with the job in the logging scope of everything logged meanwhile.
    /// </summary>
    private ScriptOutcome Run(Execution execution, ScriptRunRequest request, ScriptEnvironment environment)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = AftActivitySource.StartAttempt(execution.Job);
        using var scope = logger.BeginScope(new JobScope(execution.JobId, execution.Attempt));
        ScriptOutcome outcome;
        try
        {
            outcome = runner.Run(request, environment, execution.Halt.Token, execution.Stop.Token);
        }
        catch (Exception ex)
        {
            LogRunnerFailed(logger, ex, execution.JobId);
            outcome = ScriptOutcome.Failure(1, "internal error while running the script");
        }
        finally
        {
            metrics.AttemptRunning(-1);
            Interlocked.Decrement(ref _runningScripts);
            SlotFreed?.Invoke();
        }

        if (outcome.Kind != ScriptOutcomeKind.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Kind.ToString());
        }

        metrics.AttemptEnded(execution.Job, outcome, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>
    /// Tells the job's grain how the attempt ended, again and again while the store or the grain cannot take it (an
    /// outage): a job whose end is lost would stay running on a node that is alive. Only the node stopping ends the
    /// retries; the job then resumes elsewhere as interrupted.
    /// </summary>
    private async Task ReportAsync(Execution execution, ScriptOutcome outcome, TaskCompletionSource completion)
    {
        var result = AttemptResult.From(outcome, JobProgress.From(execution.Progress));
        try
        {
            for (var failures = 0; ; failures++)
            {
                try
                {
                    await grains.GetGrain<IJobGrain>(execution.JobId).CompleteAttemptAsync(execution.Attempt, result);
                    return;
                }
                catch (Exception ex) when (ex is not JobOwnershipLostException && !_shutdown.IsCancellationRequested)
                {
                    if (failures == 0)
                    {
                        LogReportRetrying(logger, ex, execution.JobId);
                    }

                    var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxReportBackoff.TotalMilliseconds, 200 * Math.Pow(2, failures)));
                    await Task.Delay(backoff, _shutdown.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
        }
        catch (Exception ex)
        {
            LogReportFailed(logger, ex, execution.JobId);
        }
        finally
        {
            _executions.TryRemove(execution.JobId, out _);
            execution.Dispose();
            completion.TrySetResult();
        }
    }

    private sealed class Execution(JobRecord job) : IDisposable
    {
        public JobRecord Job { get; } = job;

        public string JobId => Job.JobId;

        public int Attempt => Job.Attempts;

        public CancellationTokenSource Halt { get; } = new();

        public CancellationTokenSource Stop { get; } = new();

        public TransferProgress Progress { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public void Dispose()
        {
            Halt.Dispose();
            Stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting up to {GracePeriod} for {RunningJobs} to finish")]
    private static partial void LogDraining(ILogger logger, TimeSpan gracePeriod, string runningJobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The script runner failed for job {JobId}")]
    private static partial void LogRunnerFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of job {JobId}'s attempt could not be recorded yet; trying again until it is")]
    private static partial void LogReportRetrying(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of job {JobId}'s attempt could not be recorded; it resumes elsewhere as interrupted")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string jobId);
}
