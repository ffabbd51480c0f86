using Aft.Grains.Storage;
using Aft.Silo;
using Aft.Testing;
using Aft.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aft.Grains.Tests;

/// <summary>
/// An Orleans test cluster of one silo with the real job engine: the store and grain storage <see cref="TestStore"/>
/// names (SQLite in a temp data dir, or a PostgreSQL server of the fixture's own), one job slot (so a second job
/// visibly waits), a short cancel grace period.
/// </summary>
public sealed class JobClusterFixture : IAsyncLifetime
{
    internal static readonly string DataDir = Directory.CreateTempSubdirectory("aft-grain-tests-").FullName;

    /// <summary>The store's configuration, read by the silo configurator (which the test cluster makes itself).</summary>
    private static readonly Dictionary<string, string?> StoreSettings = [];

    private PostgresServer? _postgres;

    public TestCluster Cluster { get; private set; } = null!;

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public T Service<T>() where T : notnull => SiloServices.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        if (TestStore.OnPostgres)
        {
            _postgres = await PostgresServer.StartAsync();
            var connectionString = await _postgres.CreateDatabaseAsync();
            await PostgresStoreSetup.InitAsync(connectionString);
            StoreSettings["Aft:Store:Provider"] = "Postgres";
            StoreSettings["Aft:Store:ConnectionString"] = connectionString;
        }

        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<EngineSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _postgres?.Dispose();
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
            }).AddInMemoryCollection(StoreSettings).Build();
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

