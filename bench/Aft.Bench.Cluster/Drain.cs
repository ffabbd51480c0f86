using System.Diagnostics;

namespace Aft.Bench.Cluster;

public static class Drain
{
    // Short against the seconds an end-to-end run takes, which it rounds up by at most this.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until the system has no unfinished job; returns how long that took. Fails past <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> UntilIdleAsync(IJobSystem system, TimeSpan limit, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (await system.UnfinishedAsync(cancellation) is var unfinished and > 0)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{unfinished} jobs were still unfinished after {limit.TotalMinutes:0} min");
            }

            await Task.Delay(PollInterval, cancellation);
        }

        return clock.Elapsed;
    }
}
