using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>AFT's own SQLite database (scripts, jobs, logs, keys, secrets, settings): pooled readers, one batching writer.</summary>
public sealed class AppDatabase : IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public AppDatabase(DataDirectory dataDirectory, ILoggerFactory loggerFactory)
    {
        dataDirectory.EnsureExists();
        _database = new SqliteDatabase(dataDirectory.AppDatabase);
        SchemaMigrator.Migrate(_database, "app");
        _database.StartCheckpoints();
        Writer = new SqliteWriter(_database, loggerFactory.CreateLogger<SqliteWriter>());
    }

    public SqliteWriter Writer { get; }

    public Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken = default) => _database.OpenAsync(cancellationToken);

    public SqliteConnection OpenReader() => _database.Open();

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _database.DisposeAsync();
    }
}
