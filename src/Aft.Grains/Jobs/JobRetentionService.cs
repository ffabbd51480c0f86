using Aft.Grains.Storage;
using Aft.Grains.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// Purges finished jobs, their logs and their grain state once they are older than the retention, and the webhook
/// deliveries of that age that are over.
/// </summary>
public sealed class JobRetentionService(
    JobStore jobs,
    WebhookOutbox webhookDeliveries,
    AppDatabase database,
    IGrainFactory grains,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobRetentionService> logger) : RetentionService(clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    public override async Task<string?> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.Retention;
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
        if (total == 0)
        {
            return null;
        }

        // Clearing grain state leaves an empty row behind (Orleans keeps the version); drop those rows too.
        await database.GrainState.DeleteClearedAsync(cancellationToken);
        return JobCount.Of(total, "finished");
    }
}
