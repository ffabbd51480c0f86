using Orleans.Runtime.Placement;

namespace Aft.Grains.Cluster;

public static class SiloJobs
{
    /// <summary>The counts of the silo at <paramref name="silo"/>; null when it does not answer (it is down or leaving).</summary>
    public static async Task<SiloJobCounts?> GetAsync(IGrainFactory grains, SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await grains.GetGrain<ISiloJobsGrain>(silo.ToParsableString()).GetCountsAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
