using Microsoft.Data.Sqlite;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file with the settings every AFT connection needs, and checkpoints its log.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private WalCheckpointer? _checkpointer;

    public SqliteDatabase(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        Durability = durability;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DataSource = new SqliteDataSource(ConnectionString, durability);
    }

    public SqliteDurability Durability { get; }

    public string ConnectionString { get; }

    public SqliteDataSource DataSource { get; }

    /// <summary>
    /// Applies the embedded <c>Schema/{set}-NNN-*.sql</c> scripts this file has not seen. SQLite's driver does its
    /// work synchronously, so waiting here blocks nothing else.
    /// </summary>
    public void Migrate(string set)
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        new SchemaMigrator($"{typeof(SqliteDatabase).Namespace}.Schema.{set}-").ApplyAsync(connection).GetAwaiter().GetResult();
    }

    /// <summary>Starts copying the write-ahead log into the main file in the background (once the schema exists).</summary>
    public void StartCheckpoints() => _checkpointer ??= new WalCheckpointer(this);

    public ValueTask DisposeAsync() => _checkpointer?.DisposeAsync() ?? ValueTask.CompletedTask;

    public SqliteConnection Open()
    {
        var connection = new WaitingSqliteConnection(ConnectionString, Durability);
        connection.Open();
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new WaitingSqliteConnection(ConnectionString, Durability);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
