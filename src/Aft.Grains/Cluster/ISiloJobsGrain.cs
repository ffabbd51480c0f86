namespace Aft.Grains.Cluster;

/// <summary>
/// One silo's job counts, keyed by the silo's address (<c>SiloAddress.ToParsableString()</c>). Callers place it with the
/// placement hint of that silo (<see cref="SiloJobs"/>); an activation that lands anywhere else answers null.
/// </summary>
public interface ISiloJobsGrain : IGrainWithStringKey
{
    Task<SiloJobCounts?> GetCountsAsync();
}
