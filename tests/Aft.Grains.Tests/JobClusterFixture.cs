using Aft.Grains.Storage;
using Aft.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aft.Grains.Tests;

/// <summary>
/// An Orleans test cluster of one silo with the real job engine: SQLite store and grain storage in a temp
/// data dir, one job slot (so a second job visibly waits), a short cancel grace period.
/// </summary>
public sealed class JobClusterFixture : IAsyncLifetime
{
    internal static readonly string DataDir = Directory.CreateTempSubdirectory("aft-grain-tests-").FullName;

    public TestCluster Cluster { get; private set; } = null!;

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public T Service<T>() where T : notnull => SiloServices.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<EngineSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class EngineSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Aft:Jobs:MaxConcurrentJobs"] = "1",
                ["Aft:Jobs:CancelGracePeriod"] = "00:00:01",
                ["Aft:Jobs:Retention"] = "00:00:00",
            }).Build();
            var dataDirectory = new DataDirectory(DataDir);
            siloBuilder.Services.AddAftStores(dataDirectory, configuration);
            siloBuilder.Services.AddAftEngine(configuration);
            siloBuilder.AddAftGrainStorage();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class JobClusterCollection : ICollectionFixture<JobClusterFixture>
{
    public const string Name = "job cluster";
}
