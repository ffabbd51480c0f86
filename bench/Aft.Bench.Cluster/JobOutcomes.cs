namespace Aft.Bench.Cluster;

/// <summary>How the jobs of a batch ended: how many succeeded, and how many ended otherwise, by status ("failed": 3).</summary>
public sealed record JobOutcomes(long Succeeded, IReadOnlyDictionary<string, long> Otherwise)
{
    public long NotSucceeded => Otherwise.Values.Sum();
}
