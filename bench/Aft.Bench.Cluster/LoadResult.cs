namespace Aft.Bench.Cluster;

/// <summary>Requests answered within the measured time (after the warm-up), those among them that were not accepted, and their latencies.</summary>
public sealed record LoadResult(long Requests, ErrorCounts Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    /// <summary>Jobs accepted (202) per second.</summary>
    public double AcceptedPerSecond => (Requests - Errors.Total) / Elapsed.TotalSeconds;
}
