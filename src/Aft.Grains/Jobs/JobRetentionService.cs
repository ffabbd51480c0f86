using Aft.Grains.Storage;
using Aft.Grains.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// Purges finished jobs, their logs and their grain state once they are older than the retention, and the webhook
/// deliveries of that age that are over.
/// </summary>
public sealed partial class JobRetentionService(
    JobStore jobs,
    WebhookOutbox webhookDeliveries,
    AppDatabase database,
    IGrainFactory grains,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        try
        {
            do
            {
                try
                {
                    var purged = await PurgeOnceAsync(stoppingToken);
                    if (purged > 0)
                    {
                        LogPurged(logger, JobCount.Of(purged, "finished"));
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPurgeFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, possibly before it finished starting: what the stop cut short is not a failure
            // (the host would report a task ending in an exception as a crash); the next start purges again.
        }
    }

    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = await jobs.ListFinishedBeforeAsync(cutoff, 500);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var id in ids)
            {
                await grains.GetGrain<IJobGrain>(id).PurgeAsync();
            }

            total += ids.Count;
        }

        await webhookDeliveries.PurgeEndedBeforeAsync(cutoff);
        if (total > 0)
        {
            // Clearing grain state leaves an empty row behind (Orleans keeps the version); drop those rows too.
            await database.GrainState.DeleteClearedAsync(cancellationToken);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {FinishedJobs} past their retention")]
    private static partial void LogPurged(ILogger logger, string finishedJobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging finished jobs failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
