using Microsoft.Data.Sqlite;

namespace Aft.Grains.Storage.Sqlite;

/// <summary>
/// A SQLite connection that, when the database is locked by another writer, lets SQLite itself wait for the
/// lock (<c>busy_timeout</c>). Without it Microsoft.Data.Sqlite retries a locked statement after long fixed
/// sleeps, which under concurrent writes turns sub-millisecond commits into stalls of a tenth of a second.
/// Automatic checkpoints are off: <see cref="WalCheckpointer"/> does them in the background.
/// </summary>
/// <param name="connectionString">The database.</param>
/// <param name="durability">How a commit reaches the disk.</param>
public sealed class WaitingSqliteConnection(string connectionString, SqliteDurability durability) : SqliteConnection(connectionString)
{
    public override void Open()
    {
        base.Open();
        using var pragma = CreateCommand();
        pragma.CommandText = durability == SqliteDurability.Full
            ? "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = FULL;"
            : "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
    }
}
