using Aft.Api.Security;
using Aft.Grains.Cluster;
using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Aft.Api.Admin;

public static class ClusterApi
{
    /// <summary>
    /// <c>GET /v1/cluster</c>: the silos of the cluster as its membership table has them, each with the jobs it runs, and
    /// the cluster's unfinished jobs (they wait in the store, not on a silo).
    /// </summary>
    public static IEndpointRouteBuilder MapClusterApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetAsync).WithTags("Cluster").RequireApiKey(ApiKeyScopes.Admin);
        return app;
    }

    private static async Task<IResult> GetAsync(IGrainFactory grains, ILocalSiloDetails self, IOptions<ClusterOptions> cluster, StoreOptions store, JobStore jobs)
    {
        var unfinished = await jobs.CountUnfinishedAsync();
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = await Task.WhenAll(hosts
            .OrderBy(host => host.SiloName, StringComparer.Ordinal)
            .Select(async host =>
            {
                var active = host.Status == SiloStatus.Active;
                var counts = active ? await SiloJobs.GetAsync(grains, host.SiloAddress) : null;
                return new
                {
                    address = host.SiloAddress.Endpoint.ToString(),
                    name = host.SiloName,
                    status = host.Status.ToString().ToLowerInvariant(),
                    self = host.SiloAddress.Equals(self.SiloAddress),
                    startedAt = host.StartTime,
                    lastHeartbeatAt = host.IAmAliveTime,
                    runningJobs = counts?.Running,
                    startingJobs = counts?.Starting,
                };
            }));
        return TypedResults.Ok(new
        {
            clusterId = cluster.Value.ClusterId,
            store = store.Provider.ToString().ToLowerInvariant(),
            jobs = new { queued = unfinished.Queued, running = unfinished.Running, retrying = unfinished.Retrying },
            silos,
        });
    }
}
