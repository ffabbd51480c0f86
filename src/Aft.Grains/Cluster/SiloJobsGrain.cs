using Aft.Grains.Jobs;

namespace Aft.Grains.Cluster;

public sealed class SiloJobsGrain(JobExecutor executor, JobDispatcher dispatcher, ILocalSiloDetails silo) : Grain, ISiloJobsGrain
{
    public Task<SiloJobCounts?> GetCountsAsync()
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            // Its silo is gone and the hint could not be honoured: this silo's counts are not the ones asked for.
            DeactivateOnIdle();
            return Task.FromResult<SiloJobCounts?>(null);
        }

        return Task.FromResult<SiloJobCounts?>(new SiloJobCounts(executor.RunningCount, dispatcher.StartingCount));
    }
}
