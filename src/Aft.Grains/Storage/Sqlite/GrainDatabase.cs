namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// The SQLite file that Orleans' ADO.NET grain storage writes to. It is separate from <c>aft.db</c>
/// so the grain writes and AFT's batched writes do not wait on each other's lock.
/// Its commits are not flushed one by one (<see cref="SqliteDurability.Process"/>): a job's grain state is a
/// copy of its <c>jobs</c> row, which is flushed, and the job grain takes whichever copy has the higher
/// revision. A power loss can cost the newest grain-state copy, never the job.
/// </summary>
public sealed class GrainDatabase : IAsyncDisposable
{
    public GrainDatabase(DataDirectory dataDirectory)
    {
        dataDirectory.EnsureExists();
        Database = new SqliteDatabase(dataDirectory.GrainDatabase, SqliteDurability.Process);
        Database.Migrate("grains");
        Database.StartCheckpoints();
    }

    /// <summary>The invariant under which Orleans finds Microsoft.Data.Sqlite.</summary>
    public const string Invariant = "System.Data.SQLite";

    public SqliteDatabase Database { get; }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
