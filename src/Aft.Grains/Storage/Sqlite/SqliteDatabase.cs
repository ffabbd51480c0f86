using Microsoft.Data.Sqlite;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file with the settings every AFT connection needs.</summary>
public sealed class SqliteDatabase
{
    public SqliteDatabase(string path)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DataSource = new SqliteDataSource(ConnectionString);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteDataSource DataSource { get; }

    public SqliteConnection Open()
    {
        var connection = new WaitingSqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new WaitingSqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
