using System.Net;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Aft.Silo;

public static class ClusteringSiloBuilderExtensions
{
    /// <summary>
    /// How the silo finds its cluster. On the embedded store it is a cluster of one on loopback. On PostgreSQL the
    /// silos of <see cref="AftClusterOptions.Id"/> find each other in the membership table of the shared database,
    /// listen on every interface and advertise <see cref="AftClusterOptions.AdvertisedAddress"/>.
    /// </summary>
    /// <param name="membership">
    /// Orleans' failure detection (<c>Aft:Cluster:Membership</c>, bound to <see cref="ClusterMembershipOptions"/>): how
    /// fast a silo that stopped answering is declared dead, and with it how fast its jobs go on elsewhere.
    /// </param>
    public static ISiloBuilder UseAftClustering(this ISiloBuilder silo, StoreOptions store, AftClusterOptions cluster, int siloPort, IConfiguration membership)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(membership);
        // Orleans caches where grains live for up to a million grains by default; each job is a grain, activated a few
        // times in its life, so that cache is bounded far lower.
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = cluster.DirectoryCacheSize);
        if (store.Provider != StoreProvider.Postgres)
        {
            return silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.Id);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.Id;
            options.ServiceId = cluster.ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = siloPort;
            endpoints.GatewayPort = cluster.GatewayPort;
            endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
            endpoints.GatewayListeningEndpoint = cluster.GatewayPort > 0 ? new IPEndPoint(IPAddress.Any, cluster.GatewayPort) : null;
            if (cluster.AdvertisedAddress is { Length: > 0 } advertised)
            {
                endpoints.AdvertisedIPAddress = IPAddress.Parse(advertised);
            }
        });
        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresAppDatabase.Invariant;
            options.ConnectionString = store.ConnectionString;
        });
    }
}
