namespace Aft.Grains.Storage;

/// <summary>Which database a node keeps its state in. Bound from <c>Aft:Store</c>.</summary>
public sealed class StoreOptions
{
    /// <summary><see cref="StoreProvider.Sqlite"/> (the default: files in the data dir, no set-up) or <see cref="StoreProvider.Postgres"/> (shared by a cluster).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql's keywords); not used with SQLite.</summary>
    public string? ConnectionString { get; set; }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
