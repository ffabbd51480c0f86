using Aft.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Audit;

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/>.</summary>
public sealed class AuditRetentionService(AuditTrail audit, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetentionService> logger)
    : RetentionService(clock, logger)
{
    private const int Batch = 1000;

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    public override async Task<string?> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.Retention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await audit.DeleteBeforeAsync(cutoff, Batch);
            total += deleted;
        }
        while (deleted == Batch && !cancellationToken.IsCancellationRequested);

        return total == 0 ? null : $"{total} audit {(total == 1 ? "entry" : "entries")}";
    }
}
