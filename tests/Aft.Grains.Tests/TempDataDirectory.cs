using Aft.Grains.Storage;
using Aft.Grains.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aft.Grains.Tests;

/// <summary>A fresh data dir with the app database, removed afterwards.</summary>
public sealed class TempDataDirectory : IAsyncDisposable
{
    public TempDataDirectory()
    {
        Directory = new DataDirectory(System.IO.Directory.CreateTempSubdirectory("aft-store-tests-").FullName);
        Database = new SqliteAppDatabase(Directory, NullLoggerFactory.Instance);
    }

    public DataDirectory Directory { get; }

    public AppDatabase Database { get; }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory.Path, recursive: true);
    }
}
