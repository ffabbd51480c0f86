using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aft.Grains.Jobs;

/// <summary>
/// Ties jobs to the silo's life and to the cluster's. When the silo is up, every unfinished job that no active silo
/// holds is resumed (an attempt that was running counts as interrupted): after a restart, the jobs of the silo's
/// previous run. While it runs, when a silo of the cluster is declared dead, its jobs are resumed on the survivors the
/// same way. When it stops, the queue stops handing out slots and running scripts get
/// <see cref="JobsOptions.ShutdownGracePeriod"/> to finish while grains can still record it.
/// </summary>
/// <remarks>
/// A host that registers this as a hosted service after the silo's (<c>AftServer</c> does) drains the jobs before
/// the silo starts to stop, so the silo's own stop stays quick; the silo-lifecycle stop then finds nothing left.
/// </remarks>
public sealed partial class JobLifecycle(
    JobStore jobs,
    JobRunQueue queue,
    JobExecutor executor,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<JobsOptions> options,
    ILogger<JobLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>, IHostedService
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobLifecycle), ServiceLifecycleStage.Active, OnStartAsync, DrainAsync);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private readonly CancellationTokenSource _stopping = new();

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Resuming runs beside the rest of the start: a large backlog must not hold up the API.
        _ = Task.Run(ResumeOrphansAsync, CancellationToken.None);
        _ = Task.Run(WatchForDeadSilosAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        queue.Stop();
        await executor.DrainAsync(options.Value.ShutdownGracePeriod, cancellationToken);
    }

    /// <summary>
    /// Each time the membership declares silos dead, the first active silo (by address, so one silo acts, not all)
    /// resumes the jobs no active silo holds.
    /// </summary>
    private async Task WatchForDeadSilosAsync()
    {
        var handled = membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Dead).Select(member => member.SiloAddress).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var newlyDead = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Dead && handled.Add(member.SiloAddress));
                var first = snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).Min();
                if (newlyDead > 0 && silo.SiloAddress.Equals(first))
                {
                    await ResumeOrphansAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ResumeOrphansAsync()
    {
        try
        {
            var active = membership.CurrentSnapshot.Members.Values
                .Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
            var ids = (await jobs.ListUnfinishedAsync()).Where(job => job.Owner is null || !active.Contains(job.Owner)).Select(job => job.JobId).ToList();
            if (ids.Count > 0)
            {
                LogResuming(logger, JobCount.Of(ids.Count, "unfinished"));
            }

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (id, _) => await grains.GetGrain<IJobGrain>(id).ResumeAsync());
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {UnfinishedJobs}")]
    private static partial void LogResuming(ILogger logger, string unfinishedJobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming unfinished jobs failed")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
