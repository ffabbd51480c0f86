namespace Aft.Grains.Jobs;

/// <summary>
/// Another activation of the job recorded a newer revision (the cluster moved the job while this one still ran, as
/// after a partition): this activation stopped and wrote nothing.
/// </summary>
[GenerateSerializer]
public sealed class JobOwnershipLostException(string jobId)
    : Exception($"job {jobId} is held by another activation; this one stopped without writing");
