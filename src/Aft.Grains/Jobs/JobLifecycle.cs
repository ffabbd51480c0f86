using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aft.Grains.Jobs;

/// <summary>
/// Ties jobs to the silo's life and to the cluster's. When the silo is up, its <see cref="JobDispatcher"/> starts
/// claiming queued jobs, and the jobs that a node which is gone still held are resumed: after a restart, those of the
/// previous run; in a cluster, those of a silo that died (a running attempt counts as interrupted and is retried per
/// the job's policy; a claimed job goes back to the queue). When it stops, it stops claiming, gives back what it
/// claimed, and running scripts get <see cref="JobsOptions.ShutdownGracePeriod"/> to finish while grains can still
/// record it.
/// </summary>
/// <remarks>
/// A host that registers this as a hosted service (<c>AftServer</c> does) drains the jobs as the host begins to stop,
/// before any hosted service stops: the API still answers (with <c>/readyz</c> not ready, so load balancers move on)
/// and the silo is still up while running jobs finish; the silo-lifecycle stop then finds nothing left.
/// </remarks>
public sealed partial class JobLifecycle(
    JobClaims claims,
    JobDispatcher dispatcher,
    JobExecutor executor,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>, IHostedLifecycleService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly Lock _drainLock = new();
    private Task? _drain;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobLifecycle), ServiceLifecycleStage.Active, OnStartAsync, DrainAsync);

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether this node is stopping: it takes no new work.</summary>
    public bool IsDraining => _stopping.IsCancellationRequested;

    /// <summary>
    /// Checks once that every job a node holds is under way: what this node holds and does not run goes back to the
    /// queue or resumes; when this is the cluster's first live node, likewise what nodes that are gone held.
    /// </summary>
    public async Task CheckOwnershipAsync()
    {
        await _checking.WaitAsync();
        try
        {
            var self = silo.SiloAddress.ToParsableString();
            var alive = membership.CurrentSnapshot.Members.Values
                .Where(member => member.Status != SiloStatus.Dead)
                .Select(member => member.SiloAddress)
                .ToList();
            var names = alive.Select(address => address.ToParsableString()).ToHashSet(StringComparer.Ordinal);
            var checksOthers = silo.SiloAddress.Equals(alive.Min());
            var held = await claims.ListHeldAsync();

            var interrupted = new List<string>();
            var gone = new HashSet<string>(StringComparer.Ordinal);
            foreach (var job in held)
            {
                if (job.Owner == self)
                {
                    if (job.Status == JobStatus.Running && !executor.IsRunning(job.JobId))
                    {
                        interrupted.Add(job.JobId);
                    }
                    else if (job.Status != JobStatus.Running && !dispatcher.IsStarting(job.JobId))
                    {
                        await claims.ReleaseAsync(job.JobId, self);
                    }
                }
                else if (checksOthers && !names.Contains(job.Owner))
                {
                    if (job.Status == JobStatus.Running)
                    {
                        interrupted.Add(job.JobId);
                    }
                    else
                    {
                        gone.Add(job.Owner);
                    }
                }
            }

            var released = 0;
            foreach (var owner in gone)
            {
                released += await claims.ReleaseAllAsync(owner);
            }

            if (interrupted.Count + released > 0)
            {
                LogResuming(logger, JobCount.Of(interrupted.Count, "interrupted"), JobCount.Of(released, "claimed"));
                dispatcher.Wake();
            }

            await Parallel.ForEachAsync(interrupted, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (id, _) => await grains.GetGrain<IJobGrain>(id).ResumeAsync());
        }
        finally
        {
            _checking.Release();
        }
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        dispatcher.Start();
        // Checking runs beside the rest of the start: many jobs to resume must not hold up the API.
        _ = Task.Run(CheckPeriodicallyAsync, CancellationToken.None);
        _ = Task.Run(WatchForDeadSilosAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_drainLock)
        {
            return _drain ??= DrainOnceAsync(cancellationToken);
        }
    }

    private async Task DrainOnceAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await dispatcher.StopAsync();
        await executor.DrainAsync(options.Value.ShutdownGracePeriod, cancellationToken);
    }

    private async Task CheckPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(options.Value.OwnershipCheckInterval, clock);
        try
        {
            do
            {
                await TryCheckOwnershipAsync();
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Each time the membership declares silos dead, the first live silo gives back what they held.</summary>
    private async Task WatchForDeadSilosAsync()
    {
        var handled = membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Dead).Select(member => member.SiloAddress).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var newlyDead = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Dead && handled.Add(member.SiloAddress));
                if (newlyDead > 0)
                {
                    await TryCheckOwnershipAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TryCheckOwnershipAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await CheckOwnershipAsync();
        }
        catch (Exception ex)
        {
            // An outage, most likely: the next check tries again.
            LogCheckFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {InterruptedJobs} and requeueing {ClaimedJobs} held by nodes that are gone")]
    private static partial void LogResuming(ILogger logger, string interruptedJobs, string claimedJobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking which node holds each job failed; the next check tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
