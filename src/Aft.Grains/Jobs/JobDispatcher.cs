using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// This node's side of the cluster's queue. While the node has free slots (at most
/// <see cref="JobsOptions.MaxConcurrentJobs"/> attempts at once), it claims the oldest waiting jobs from the store
/// (<see cref="JobClaims"/>) and asks each job's grain to start its attempt. Jobs wait in the store, not here, so a
/// backlog costs this node nothing, and whichever node has a free slot takes the next job.
/// </summary>
/// <remarks>
/// The dispatcher claims when it is woken (a job was submitted or scheduled to retry here, an attempt ended here) and
/// otherwise every <see cref="JobsOptions.PollInterval"/>, which is how it finds jobs that other nodes queued and had no
/// slot for. When it claims for free slots it also claims a few jobs of unlimited scripts ahead (a quarter of its slots),
/// so that a slot that frees up starts its next job at once instead of after another claim's commit; jobs claimed ahead
/// that no slot took within a poll interval go back to the queue for other nodes.
/// </remarks>
public sealed partial class JobDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MoveWait = TimeSpan.FromMilliseconds(10);
    private const int MaxMoveWaits = 5;

    private readonly JobClaims _claims;
    private readonly JobExecutor _executor;
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly IClusterMembershipService _membership;
    private readonly IOptions<JobsOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobDispatcher> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, Task> _starting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ahead = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SortedSet<long> _dueTimes = [];
    private Task _loop = Task.CompletedTask;

    public JobDispatcher(
        JobClaims claims,
        JobExecutor executor,
        IGrainFactory grains,
        ILocalSiloDetails silo,
        IClusterMembershipService membership,
        IOptions<JobsOptions> options,
        TimeProvider clock,
        ILogger<JobDispatcher> logger)
    {
        _claims = claims;
        _executor = executor;
        _grains = grains;
        _silo = silo;
        _membership = membership;
        _options = options;
        _clock = clock;
        _logger = logger;
        executor.SlotFreed += Wake;
    }

    /// <summary>Slots free on this node now (none while it stops).</summary>
    public int FreeSlots => _stopping.IsCancellationRequested ? 0
        : Math.Max(0, _options.Value.MaxConcurrentJobs - _executor.RunningCount - _starting.Count);

    /// <summary>
    /// Whether a job queued now will start on this node: a slot is free and no other node may claim it first. In a
    /// cluster any node may, and moving an activation there costs more than activating the job anew where it is claimed.
    /// </summary>
    public bool StartsWaitingJobsHere =>
        FreeSlots > 0 && _membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 1;

    /// <summary>Jobs this node claimed and has not started yet, or is starting now.</summary>
    public int StartingCount => _starting.Count + _ahead.Count;

    /// <summary>Whether this node claimed <paramref name="jobId"/> and is to start it.</summary>
    public bool IsStarting(string jobId) => _starting.ContainsKey(jobId) || _ahead.ContainsKey(jobId);

    private int AheadDepth => Math.Max(1, _options.Value.MaxConcurrentJobs / 4);

    /// <summary>Looks for waiting jobs now (one was queued here, or a slot freed up).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Looks for waiting jobs at <paramref name="at"/> (a job here waits to retry until then).</summary>
    public void WakeAt(DateTimeOffset at)
    {
        lock (_dueTimes)
        {
            _dueTimes.Add(at.UtcTicks);
        }

        Wake();
    }

    public void Start() => _loop = Task.Run(RunAsync, CancellationToken.None);

    /// <summary>
    /// Stops claiming (the node is stopping): waits for the starts under way, then gives back whatever this node
    /// claimed and did not start, so other nodes take it.
    /// </summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await Task.WhenAll(_starting.Values);
        _ahead.Clear();
        try
        {
            var released = await _claims.ReleaseAllAsync(Self);
            if (released > 0)
            {
                LogReleased(_logger, JobCount.Of(released, "claimed"));
            }
        }
        catch (Exception ex)
        {
            // Whatever stays claimed is given back once the cluster sees this node gone.
            LogReleaseFailed(_logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _loop;
        _stopping.Dispose();
    }

    private string Self => _silo.SiloAddress.ToParsableString();

    private async Task RunAsync()
    {
        var outages = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var free = StartClaimedAhead();
            if (free > 0)
            {
                var ahead = Math.Max(0, AheadDepth - _ahead.Count);
                var wanted = free + ahead;
                IReadOnlyList<string> claimed;
                try
                {
                    claimed = await _claims.ClaimAsync(Self, free, ahead, _clock.GetUtcNow());
                    if (outages > 0)
                    {
                        LogClaimingAgain(_logger);
                    }

                    outages = 0;
                }
                catch (Exception ex) when (!_stopping.IsCancellationRequested)
                {
                    if (outages++ == 0)
                    {
                        LogClaimFailed(_logger, ex);
                    }

                    await SleepAsync(TimeSpan.FromMilliseconds(Math.Min(MaxOutageBackoff.TotalMilliseconds, 100 * Math.Pow(2, outages))));
                    continue;
                }

                var now = _clock.GetUtcNow();
                foreach (var jobId in claimed)
                {
                    _ahead[jobId] = now;
                }

                if (claimed.Count == wanted)
                {
                    // Every slot and the claims ahead found a job: more may be waiting.
                    continue;
                }
            }

            await GiveBackStaleAsync();
            await SleepAsync(NextLook());
        }
    }

    /// <summary>Starts jobs claimed ahead, oldest first, in the free slots; returns the slots still free.</summary>
    private int StartClaimedAhead()
    {
        var free = FreeSlots;
        foreach (var jobId in _ahead.OrderBy(ahead => ahead.Key, StringComparer.Ordinal).Take(free).Select(ahead => ahead.Key).ToList())
        {
            // Recorded before it runs, so that its end (which removes it) cannot come first and leave it counted.
            var start = new Task<Task>(() => StartAsync(jobId));
            _starting[jobId] = start.Unwrap();
            _ahead.TryRemove(jobId, out _);
            start.Start(TaskScheduler.Default);
            free--;
        }

        return free;
    }

    /// <summary>Gives back the jobs claimed ahead that no slot took for a poll interval (the node is busy with long jobs).</summary>
    private async Task GiveBackStaleAsync()
    {
        var before = _clock.GetUtcNow() - _options.Value.PollInterval;
        foreach (var (jobId, claimedAt) in _ahead)
        {
            if (claimedAt < before && _ahead.TryRemove(jobId, out _))
            {
                await ReleaseAsync(jobId);
            }
        }
    }

    /// <summary>How long until the next look: the poll interval, or less when a retry here falls due sooner.</summary>
    private TimeSpan NextLook()
    {
        var poll = _options.Value.PollInterval;
        var now = _clock.GetUtcNow().UtcTicks;
        lock (_dueTimes)
        {
            if (_dueTimes.Count == 0)
            {
                return poll;
            }

            if (_dueTimes.Min <= now)
            {
                _dueTimes.RemoveWhere(due => due <= now);
                return TimeSpan.Zero;
            }

            var untilDue = TimeSpan.FromTicks(_dueTimes.Min - now);
            return untilDue < poll ? untilDue : poll;
        }
    }

    private async Task SleepAsync(TimeSpan delay)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(delay);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StartAsync(string jobId)
    {
        try
        {
            var grain = _grains.GetGrain<IJobGrain>(jobId);
            for (var tries = 1; !await grain.StartAttemptAsync(_silo.SiloAddress); tries++)
            {
                if (tries == MaxMoveWaits)
                {
                    throw new InvalidOperationException($"job {jobId}'s activation did not move to this node");
                }

                // Its activation moves here from the node where a caller read it; the next call finds it here.
                await Task.Delay(MoveWait * tries);
            }
        }
        catch (Exception ex)
        {
            LogStartFailed(_logger, ex, jobId);
            await ReleaseAsync(jobId);
        }
        finally
        {
            _starting.TryRemove(jobId, out _);
            Wake();
        }
    }

    private async Task ReleaseAsync(string jobId)
    {
        try
        {
            await _claims.ReleaseAsync(jobId, Self);
        }
        catch (Exception ex)
        {
            // The ownership check gives it back later (JobLifecycle).
            LogReleaseFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be started; it goes back to the queue")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming queued jobs failed; trying again until the store answers")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claiming queued jobs works again")]
    private static partial void LogClaimingAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave back {ClaimedJobs} for other nodes to start")]
    private static partial void LogReleased(ILogger logger, string claimedJobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving claimed jobs back failed; they go back when this node is seen gone")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
