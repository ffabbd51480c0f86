using Aft.Grains.Storage;
using Aft.Grains.Storage.Postgres;
using Aft.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aft.Grains.Tests.Storage;

/// <summary>A PostgreSQL server with one database that <c>aft db init</c>'s schema scripts set up.</summary>
public sealed class PostgresStoreFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public string ConnectionString { get; private set; } = string.Empty;

    public AppDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = await _server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresSchema.UpgradeAsync(connection);
        }

        Database = new PostgresAppDatabase(ConnectionString, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _server?.Dispose();
    }
}
