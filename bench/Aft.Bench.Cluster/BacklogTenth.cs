namespace Aft.Bench.Cluster;

/// <summary>One tenth of a backlog's submissions, in the order they were answered, and the silo's resident memory at its end.</summary>
public sealed record BacklogTenth(int Number, int Submissions, TimeSpan Elapsed, long Errors, double P99Ms, long RssBytes)
{
    public double SubmissionsPerSecond => Submissions / Elapsed.TotalSeconds;
}
