using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aft.Grains.Jobs;

/// <summary>
/// Ties jobs to the silo's life. When the silo is up, every job that had not ended is resumed (an attempt
/// that was running counts as interrupted). When it stops, the queue stops handing out slots and running
/// scripts get <see cref="JobsOptions.ShutdownGracePeriod"/> to finish while grains can still record it.
/// </summary>
public sealed partial class JobLifecycle(
    JobStore jobs,
    JobRunQueue queue,
    JobExecutor executor,
    IGrainFactory grains,
    IOptions<JobsOptions> options,
    ILogger<JobLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobLifecycle), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Resuming runs beside the rest of the start: a large backlog must not hold up the API.
        _ = Task.Run(ResumeUnfinishedAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
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
                LogResuming(logger, ids.Count);
            }

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (id, _) => await grains.GetGrain<IJobGrain>(id).ResumeAsync());
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} unfinished jobs")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resuming unfinished jobs failed")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
