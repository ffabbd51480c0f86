namespace Aft.Grains.Jobs;

/// <summary>The jobs of the whole cluster that have not ended, by status.</summary>
public sealed record UnfinishedJobCounts(long Queued, long Running, long Retrying);
