using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// This node's queue of jobs waiting for a slot. At most <see cref="JobsOptions.MaxConcurrentJobs"/> run at
/// once, and no more of one script than its max concurrency; the rest wait in arrival order. A job grain
/// enqueues itself; when a slot frees up the queue calls the grain back to start its attempt.
/// </summary>
public sealed partial class JobRunQueue(IGrainFactory grains, IOptions<JobsOptions> options, ILogger<JobRunQueue> logger)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _waiting = [];
    private readonly Dictionary<string, LinkedListNode<Entry>> _waitingById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _runningPerScript = new(StringComparer.Ordinal);
    private bool _stopped;

    public int WaitingCount
    {
        get { lock (_lock) { return _waiting.Count; } }
    }

    public int RunningCount
    {
        get { lock (_lock) { return _running.Count; } }
    }

    public void Enqueue(string jobId, string? scriptId, int maxConcurrency)
    {
        lock (_lock)
        {
            if (_waitingById.ContainsKey(jobId) || _running.ContainsKey(jobId))
            {
                return;
            }

            _waitingById[jobId] = _waiting.AddLast(new Entry(jobId, scriptId, maxConcurrency));
        }

        Pump();
    }

    public void Remove(string jobId)
    {
        lock (_lock)
        {
            if (_waitingById.Remove(jobId, out var node))
            {
                _waiting.Remove(node);
            }
        }
    }

    /// <summary>Frees the job's slot (its attempt ended, or it turned out to have nothing to run).</summary>
    public void Release(string jobId)
    {
        lock (_lock)
        {
            if (_running.Remove(jobId, out var scriptId) && scriptId is not null && --_runningPerScript[scriptId] == 0)
            {
                _runningPerScript.Remove(scriptId);
            }
        }

        Pump();
    }

    /// <summary>Stops handing out slots (the node is shutting down; waiting jobs resume at the next start).</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
        }
    }

    private void Pump()
    {
        List<string>? toStart = null;
        lock (_lock)
        {
            var node = _waiting.First;
            while (!_stopped && node is not null && _running.Count < options.Value.MaxConcurrentJobs)
            {
                var next = node.Next;
                var entry = node.Value;
                var scriptBusy = entry.MaxConcurrency > 0 && entry.ScriptId is not null
                    && _runningPerScript.GetValueOrDefault(entry.ScriptId) >= entry.MaxConcurrency;
                if (!scriptBusy)
                {
                    _waiting.Remove(node);
                    _waitingById.Remove(entry.JobId);
                    _running[entry.JobId] = entry.MaxConcurrency > 0 ? entry.ScriptId : null;
                    if (entry.MaxConcurrency > 0 && entry.ScriptId is not null)
                    {
                        _runningPerScript[entry.ScriptId] = _runningPerScript.GetValueOrDefault(entry.ScriptId) + 1;
                    }

                    (toStart ??= []).Add(entry.JobId);
                }

                node = next;
            }
        }

        if (toStart is null)
        {
            return;
        }

        foreach (var jobId in toStart)
        {
            _ = StartAsync(jobId);
        }
    }

    private async Task StartAsync(string jobId)
    {
        try
        {
            await grains.GetGrain<IJobGrain>(jobId).StartAttemptAsync();
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, ex, jobId);
            Release(jobId);
        }
    }

    private sealed record Entry(string JobId, string? ScriptId, int MaxConcurrency);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be started")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string jobId);
}
