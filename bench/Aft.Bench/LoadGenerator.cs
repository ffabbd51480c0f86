using Aft.Bench.Common;
using System.Diagnostics;

namespace Aft.Bench;

/// <summary>
/// Closed-loop load: each client holds one keep-alive HTTPS connection and sends its next request as soon as
/// the previous answer arrived, for a fixed time after a warm-up. Bounded in time, loopback only.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        Uri baseAddress, string? apiKey, int clients, TimeSpan warmup, TimeSpan duration, Func<HttpClient, Task<bool>> request)
    {
        var httpClients = Enumerable.Range(0, clients).Select(_ => BenchHttpClient.Create(baseAddress, apiKey)).ToArray();
        try
        {
            var measuring = false;
            var stop = false;
            var latencies = new List<double>[clients];
            var errors = new long[clients];
            var workers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
            {
                latencies[i] = new List<double>(100_000);
                var client = httpClients[i];
                while (!Volatile.Read(ref stop))
                {
                    var started = Stopwatch.GetTimestamp();
                    bool ok;
                    try
                    {
                        ok = await request(client);
                    }
                    catch (HttpRequestException)
                    {
                        ok = false;
                    }

                    if (Volatile.Read(ref measuring))
                    {
                        latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (!ok)
                        {
                            errors[i]++;
                        }
                    }
                }
            })).ToArray();

            await Task.Delay(warmup);
            Volatile.Write(ref measuring, true);
            var clock = Stopwatch.StartNew();
            await Task.Delay(duration);
            Volatile.Write(ref measuring, false);
            var elapsed = clock.Elapsed;
            Volatile.Write(ref stop, true);
            await Task.WhenAll(workers);

            var all = latencies.SelectMany(list => list).Order().ToArray();
            return new LoadResult(clients, all.Length, errors.Sum(), elapsed, Percentile.Of(all, 0.50), Percentile.Of(all, 0.99));
        }
        finally
        {
            foreach (var client in httpClients)
            {
                client.Dispose();
            }
        }
    }
}
