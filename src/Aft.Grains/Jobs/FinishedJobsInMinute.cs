namespace Aft.Grains.Jobs;

/// <summary>How many jobs ended with <see cref="Status"/> in the minute that starts at <see cref="Minute"/>.</summary>
public sealed record FinishedJobsInMinute(DateTimeOffset Minute, JobStatus Status, long Count);
