using Aft.Grains.Jobs;
using Aft.Grains.Storage.Orleans;
using Aft.Grains.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Aft.Silo;

public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Job grain state in the node's SQLite grain database, through Orleans' ADO.NET provider, as MessagePack.</summary>
    public static ISiloBuilder AddAftGrainStorage(this ISiloBuilder silo) =>
        silo.AddAdoNetGrainStorage(JobGrain.StorageName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<GrainDatabase>((storage, grainDatabase) =>
            {
                storage.Invariant = GrainDatabase.Invariant;
                storage.DataSource = grainDatabase.Database.DataSource;
                storage.GrainStorageSerializer = new MessagePackGrainStorageSerializer();
            }));
}
