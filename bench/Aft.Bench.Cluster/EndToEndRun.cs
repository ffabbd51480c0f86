using System.Diagnostics;

namespace Aft.Bench.Cluster;

public static class EndToEndRun
{
    /// <summary>
    /// Submits <paramref name="jobs"/> jobs of a new batch from <paramref name="clients"/> closed-loop clients while
    /// they run, waits until none is unfinished, and takes the time from the first submission to then (the clients
    /// open their connections within that time). Fails past <paramref name="limit"/>.
    /// </summary>
    public static async Task<EndToEndResult> RunAsync(IJobSystem system, int jobs, int clients, TimeSpan limit, CancellationToken cancellation)
    {
        var batch = await system.NewBatchAsync("end-to-end", cancellation);
        using var clientSet = ClientSet.Open(system, clients);
        var remaining = jobs;
        var refused = new ErrorCounts();
        var clock = Stopwatch.StartNew();
        await clientSet.RunAllAsync(async (client, _) =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException($"the {jobs} submissions took longer than {limit.TotalMinutes:0} min");
                }

                refused.Add(await JobRequests.SubmitAsync(client, batch.SubmitBody, cancellation));
            }
        }, cancellation);
        await Drain.UntilIdleAsync(system, limit - clock.Elapsed, cancellation);
        var elapsed = clock.Elapsed;
        return new EndToEndResult(jobs, refused, elapsed, await batch.CountOutcomesAsync(cancellation));
    }
}
