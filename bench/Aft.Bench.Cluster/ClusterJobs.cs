namespace Aft.Bench.Cluster;

/// <summary>AFT's unfinished jobs in the whole cluster, from <c>GET /v1/cluster</c>.</summary>
public sealed record ClusterJobs(long Queued, long Running, long Retrying)
{
    public long Unfinished => Queued + Running + Retrying;
}
