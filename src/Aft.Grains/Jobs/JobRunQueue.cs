using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// This node's queue of jobs waiting for a slot. At most <see cref="JobsOptions.MaxConcurrentJobs"/> run at
/// once, and no more of one script than its max concurrency; the rest wait in arrival order. A job grain
/// enqueues itself; when a slot frees up the queue calls the grain back to start its attempt.
/// </summary>
/// <remarks>
/// Jobs wait in lanes: one per script that limits its concurrency, one shared by all others. The next job to
/// start is the oldest head among the lanes that may start one, so a burst of jobs held back by their
/// script's limit costs nothing to skip.
/// </remarks>
public sealed partial class JobRunQueue(IGrainFactory grains, IOptions<JobsOptions> options, ILogger<JobRunQueue> logger)
{
    private const string UnlimitedLane = "";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Lane Lane, LinkedListNode<Entry> Node)> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lane> _running = new(StringComparer.Ordinal);
    private long _arrivals;
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
            if (_waiting.ContainsKey(jobId) || _running.ContainsKey(jobId))
            {
                return;
            }

            var key = maxConcurrency > 0 && scriptId is not null ? scriptId : UnlimitedLane;
            if (!_lanes.TryGetValue(key, out var lane))
            {
                _lanes[key] = lane = new Lane();
            }

            lane.Limit = key == UnlimitedLane ? 0 : maxConcurrency;
            _waiting[jobId] = (lane, lane.Waiting.AddLast(new Entry(jobId, _arrivals++)));
        }

        Pump();
    }

    /// <summary>Whether the job waits behind more than <see cref="JobsOptions.ActiveQueuedJobs"/> others.</summary>
    public bool WaitsLong(string jobId)
    {
        lock (_lock)
        {
            return _waiting.Count > options.Value.ActiveQueuedJobs && _waiting.ContainsKey(jobId);
        }
    }

    public void Remove(string jobId)
    {
        lock (_lock)
        {
            if (_waiting.Remove(jobId, out var waiting))
            {
                waiting.Lane.Waiting.Remove(waiting.Node);
            }
        }
    }

    /// <summary>Frees the job's slot (its attempt ended, or it turned out to have nothing to run).</summary>
    public void Release(string jobId)
    {
        lock (_lock)
        {
            if (_running.Remove(jobId, out var lane))
            {
                lane.Running--;
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
            while (!_stopped && _running.Count < options.Value.MaxConcurrentJobs && NextLane() is { } lane)
            {
                var entry = lane.Waiting.First!.Value;
                lane.Waiting.RemoveFirst();
                _waiting.Remove(entry.JobId);
                lane.Running++;
                _running[entry.JobId] = lane;
                (toStart ??= []).Add(entry.JobId);
            }
        }

        foreach (var jobId in toStart ?? [])
        {
            _ = StartAsync(jobId);
        }
    }

    /// <summary>The lane whose first waiting job arrived earliest among the lanes allowed to start one.</summary>
    private Lane? NextLane()
    {
        Lane? next = null;
        foreach (var lane in _lanes.Values)
        {
            if (lane.Waiting.First is { } head && (lane.Limit == 0 || lane.Running < lane.Limit)
                && (next is null || head.Value.Arrival < next.Waiting.First!.Value.Arrival))
            {
                next = lane;
            }
        }

        return next;
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

    private sealed class Lane
    {
        public LinkedList<Entry> Waiting { get; } = [];

        public int Running { get; set; }

        public int Limit { get; set; }
    }

    private sealed record Entry(string JobId, long Arrival);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be started")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string jobId);
}
