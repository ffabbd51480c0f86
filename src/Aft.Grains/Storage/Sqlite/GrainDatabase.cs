namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The SQLite file that Orleans' ADO.NET grain storage writes to. It is separate from <see cref="AppDatabase"/>
/// so the grain writes and AFT's batched writes do not wait on each other's lock.
/// </summary>
public sealed class GrainDatabase
{
    public GrainDatabase(DataDirectory dataDirectory)
    {
        dataDirectory.EnsureExists();
        Database = new SqliteDatabase(dataDirectory.GrainDatabase);
        SchemaMigrator.Migrate(Database, "grains");
    }

    public SqliteDatabase Database { get; }

    /// <summary>The invariant under which Orleans finds Microsoft.Data.Sqlite.</summary>
    public const string Invariant = "System.Data.SQLite";
}
