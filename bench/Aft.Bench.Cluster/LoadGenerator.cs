using Aft.Bench.Common;
using System.Diagnostics;

namespace Aft.Bench.Cluster;

/// <summary>
/// Closed-loop load: each client submits its next job as soon as the answer to the previous one arrived, for a fixed
/// time after a warm-up. Bounded in time, loopback only.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        IJobSystem system, string body, int clients, TimeSpan warmup, TimeSpan duration, CancellationToken cancellation)
    {
        using var clientSet = ClientSet.Open(system, clients);
        var measuring = false;
        var stop = false;
        var latencies = Enumerable.Range(0, clients).Select(_ => new List<double>()).ToArray();
        var errors = new ErrorCounts();
        var workers = clientSet.RunAllAsync(async (client, index) =>
        {
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                var error = await JobRequests.SubmitAsync(client, body, cancellation);
                if (Volatile.Read(ref measuring))
                {
                    latencies[index].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    errors.Add(error);
                }
            }
        }, cancellation);

        TimeSpan elapsed;
        try
        {
            await Task.Delay(warmup, cancellation);
            Volatile.Write(ref measuring, true);
            var clock = Stopwatch.StartNew();
            await Task.Delay(duration, cancellation);
            Volatile.Write(ref measuring, false);
            elapsed = clock.Elapsed;
        }
        finally
        {
            Volatile.Write(ref stop, true);
            await workers;
        }

        // Read once every client has stopped, so no list is read while its client still adds to it.
        var sorted = latencies.SelectMany(list => list).Order().ToArray();
        return new LoadResult(sorted.Length, errors, elapsed, Percentile.Of(sorted, 0.50), Percentile.Of(sorted, 0.99));
    }
}
