using System.Data.Common;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>Hands out <see cref="WaitingSqliteConnection"/>s; given to Orleans' ADO.NET storage so its connections wait on locks too.</summary>
public sealed class SqliteDataSource(string connectionString, SqliteDurability durability) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new WaitingSqliteConnection(connectionString, durability);
}
