namespace Aft.Bench.Cluster;

/// <summary>A backlog of <paramref name="Jobs"/> jobs submitted behind one busy slot.</summary>
/// <param name="Jobs">Jobs submitted after the one that took the slot.</param>
/// <param name="RssBeforeBytes">The silo's resident memory before the first of them.</param>
/// <param name="Tenths">Each tenth of the submissions.</param>
/// <param name="Elapsed">The time all submissions took.</param>
/// <param name="Errors">Submissions not accepted, by why.</param>
/// <param name="AtEnd">The cluster's unfinished jobs once all were answered.</param>
public sealed record BacklogResult(int Jobs, long RssBeforeBytes, IReadOnlyList<BacklogTenth> Tenths, TimeSpan Elapsed, ErrorCounts Errors, ClusterJobs AtEnd);
