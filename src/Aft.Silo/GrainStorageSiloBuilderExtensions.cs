using Aft.Grains.Jobs;
using Aft.Grains.Storage.Orleans;
using Aft.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Aft.Silo;

public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Job grain state in the configured store (<see cref="AppDatabase.GrainState"/>), through Orleans' ADO.NET provider, as MessagePack.</summary>
    public static ISiloBuilder AddAftGrainStorage(this ISiloBuilder silo) =>
        silo.AddAdoNetGrainStorage(JobGrain.StorageName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<AppDatabase>((storage, database) =>
            {
                storage.Invariant = database.GrainState.Invariant;
                storage.DataSource = database.GrainState.DataSource;
                storage.GrainStorageSerializer = new MessagePackGrainStorageSerializer();
            }));
}
