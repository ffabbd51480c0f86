using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage;

/// <summary>
/// Deletes what is past its retention, once at start and then at every <see cref="Interval"/>, for as long as the
/// node runs. A failed round is logged and the next one tries again.
/// </summary>
public abstract partial class RetentionService(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>Deletes everything past its retention now; returns how much, as a log line says it ("3 finished jobs").</summary>
    public abstract Task<string?> PurgeOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    if (await PurgeOnceAsync(stoppingToken) is { } purged)
                    {
                        LogPurged(logger, purged);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPurgeFailed(logger, GetType().Name, ex);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Purged} past their retention")]
    private static partial void LogPurged(ILogger logger, string purged);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed to purge")]
    private static partial void LogPurgeFailed(ILogger logger, string service, Exception exception);
}
