namespace Aft.Bench.Cluster;

/// <summary>Jobs submitted together for one measurement.</summary>
/// <param name="SubmitBody">The JSON every submission of the batch posts to <c>/v1/jobs</c>.</param>
/// <param name="CountOutcomesAsync">Counts the batch's jobs by status; once the system has drained, by how they ended.</param>
public sealed record JobBatch(string SubmitBody, Func<CancellationToken, Task<JobOutcomes>> CountOutcomesAsync);
