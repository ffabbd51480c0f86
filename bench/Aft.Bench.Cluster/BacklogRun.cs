using Aft.Bench.Common;
using System.Diagnostics;

namespace Aft.Bench.Cluster;

/// <summary>
/// A backlog far deeper than a node's slots: one job of a script that waits for its halt signal takes the node's only
/// slot, then more jobs of it are submitted by closed-loop clients and all of them stay queued. Per tenth of them, the
/// submission rate, p99 and the silo's resident memory show whether either drifts as the backlog grows.
/// </summary>
public static class BacklogRun
{
    private const string ParkedScript = "WaitForHaltSignal();";
    private const int Tenths = 10;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <param name="system">One AFT silo with one slot (<c>Aft__Jobs__MaxConcurrentJobs=1</c>), no job submitted yet.</param>
    /// <param name="jobs">Jobs submitted behind the one that takes the slot; at least 10.</param>
    /// <param name="clients">Closed-loop clients submitting them.</param>
    /// <param name="limit">The longest the submissions may take.</param>
    /// <param name="cancellation">Stops the run early.</param>
    public static async Task<BacklogResult> RunAsync(AftSystem system, int jobs, int clients, TimeSpan limit, CancellationToken cancellation)
    {
        var body = AftSystem.SubmitBody(await system.CreateScriptAsync("bench-parked", ParkedScript, cancellation));
        await TakeTheSlotAsync(system, body, cancellation);
        var pid = system.Pids[0];
        var rssBefore = ProcMemory.RssBytes(pid);

        // By answer: the n-th answer's latency and its error, if any; each tenth's end time and the memory then.
        var latencies = new double[jobs];
        var errors = new string?[jobs];
        var ends = new TimeSpan[Tenths];
        var rss = new long[Tenths];
        var lastOfTenth = Enumerable.Range(1, Tenths).Select(tenth => (int)((long)tenth * jobs / Tenths) - 1).ToArray();
        var claimed = 0;
        var answered = 0;
        using var clientSet = ClientSet.Open(system, clients);
        var clock = Stopwatch.StartNew();
        await clientSet.RunAllAsync(async (client, _) =>
        {
            while (Interlocked.Increment(ref claimed) <= jobs)
            {
                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException($"{answered} of {jobs} backlog submissions were answered in {limit.TotalMinutes:0} min");
                }

                var started = Stopwatch.GetTimestamp();
                var error = await JobRequests.SubmitAsync(client, body, cancellation);
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var answer = Interlocked.Increment(ref answered) - 1;
                latencies[answer] = latency;
                errors[answer] = error;
                if (Array.IndexOf(lastOfTenth, answer) is var tenth and >= 0)
                {
                    ends[tenth] = clock.Elapsed;
                    rss[tenth] = ProcMemory.RssBytes(pid);
                }
            }
        }, cancellation);
        var elapsed = clock.Elapsed;
        var tenths = Enumerable.Range(0, Tenths).Select(tenth =>
        {
            var first = tenth == 0 ? 0 : lastOfTenth[tenth - 1] + 1;
            var count = lastOfTenth[tenth] - first + 1;
            var sorted = latencies[first..(first + count)];
            Array.Sort(sorted);
            return new BacklogTenth(tenth + 1, count, ends[tenth] - (tenth == 0 ? TimeSpan.Zero : ends[tenth - 1]),
                errors[first..(first + count)].Count(error => error is not null), Percentile.Of(sorted, 0.99), rss[tenth]);
        }).ToList();
        var errorCounts = new ErrorCounts();
        Array.ForEach(errors, errorCounts.Add);
        return new BacklogResult(jobs, rssBefore, tenths, elapsed, errorCounts, await system.ClusterJobsAsync(cancellation));
    }

    /// <summary>Submits the job that takes the only slot and waits until it runs, so every later job stays queued.</summary>
    private static async Task TakeTheSlotAsync(AftSystem system, string body, CancellationToken cancellation)
    {
        using (var client = BenchHttpClient.Create(system.Endpoints[0], system.ApiKey))
        {
            if (await JobRequests.SubmitAsync(client, body, cancellation) is { } error)
            {
                throw new InvalidOperationException($"the job that was to take the only slot was not accepted: {error}");
            }
        }

        var clock = Stopwatch.StartNew();
        while ((await system.ClusterJobsAsync(cancellation)).Running == 0)
        {
            if (clock.Elapsed > StartLimit)
            {
                throw new TimeoutException($"the job that was to take the only slot did not start within {StartLimit.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellation);
        }
    }
}
