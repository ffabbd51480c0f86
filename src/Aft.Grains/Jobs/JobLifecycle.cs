using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aft.Grains.Jobs;

/// <summary>
/// Ties jobs to the silo's life. When the silo is up, every job that had not ended is resumed (an attempt
/// that was running counts as interrupted). When it stops, the queue stops handing out slots and running
/// scripts get <see cref="JobsOptions.ShutdownGracePeriod"/> to finish while grains can still record it.
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
    IOptions<JobsOptions> options,
    ILogger<JobLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>, IHostedService
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobLifecycle), ServiceLifecycleStage.Active, OnStartAsync, DrainAsync);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Resuming runs beside the rest of the start: a large backlog must not hold up the API.
        _ = Task.Run(ResumeUnfinishedAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        queue.Stop();
        await executor.DrainAsync(options.Value.ShutdownGracePeriod, cancellationToken);
    }

    private async Task ResumeUnfinishedAsync()
    {
        try
        {
            var ids = await jobs.ListUnfinishedIdsAsync();
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
