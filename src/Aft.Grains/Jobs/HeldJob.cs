namespace Aft.Grains.Jobs;

/// <summary>A job that a silo holds: claimed to start, or running.</summary>
public sealed record HeldJob(string JobId, string Owner, JobStatus Status);
