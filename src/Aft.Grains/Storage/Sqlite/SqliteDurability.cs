namespace Aft.Grains.Storage.Sqlite;

/// <summary>How a SQLite commit reaches the disk (WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>Every commit is flushed to the disk before it returns: survives power loss.</summary>
    Full,

    /// <summary>
    /// Commits are flushed at checkpoints: they survive a crash or kill of the process, but the newest ones can
    /// be lost if the machine itself loses power. Only for data that has a durable copy elsewhere.
    /// </summary>
    Process,
}
