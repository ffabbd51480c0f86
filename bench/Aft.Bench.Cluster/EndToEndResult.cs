namespace Aft.Bench.Cluster;

/// <summary>
/// A batch of jobs from the first submission until the last of them ended: how many were submitted, how many of
/// those submissions were not accepted, the time it all took, and how the accepted jobs ended.
/// </summary>
public sealed record EndToEndResult(int Jobs, ErrorCounts Refused, TimeSpan Elapsed, JobOutcomes Outcomes)
{
    public double JobsPerSecond => (Jobs - Refused.Total) / Elapsed.TotalSeconds;
}
