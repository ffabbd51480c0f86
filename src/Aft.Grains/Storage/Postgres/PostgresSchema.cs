using Npgsql;

namespace Aft.Grains.Storage.Postgres;

/// <summary>
/// The versioned scripts that make a PostgreSQL database an AFT store (<c>Schema/NNN-*.sql</c>: AFT's tables, then
/// the tables and queries Orleans' ADO.NET providers look up), applied by <c>aft db init</c> and <c>aft db upgrade</c>.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Serializes two <c>aft db</c> runs against one database (any 64-bit number no one else uses).</summary>
    private const long MigrationLock = 0x4146_545F_4442;

    private static readonly SchemaMigrator Migrator = new($"{typeof(PostgresSchema).Namespace}.Schema.");

    /// <summary>Applies the scripts the database lacks and returns them (none: it was current).</summary>
    public static async Task<IReadOnlyList<string>> UpgradeAsync(NpgsqlConnection connection)
    {
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }

        try
        {
            return await Migrator.ApplyAsync(connection);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Whether the database has no AFT schema at all (a new database, for <c>aft db init</c>).</summary>
    public static async Task<bool> IsEmptyAsync(NpgsqlConnection connection) =>
        (await Migrator.PendingAsync(connection)).Count == Migrator.All.Count;

    /// <summary>Throws <see cref="StoreSchemaException"/>, naming the command to run, unless every script is applied.</summary>
    public static async Task EnsureCurrentAsync(NpgsqlConnection connection)
    {
        var pending = await Migrator.PendingAsync(connection);
        if (pending.Count == Migrator.All.Count)
        {
            throw new StoreSchemaException(
                $"the PostgreSQL database '{connection.Database}' has no AFT schema; create it with 'aft db init' (same configuration, or --connection-string)");
        }

        if (pending.Count > 0)
        {
            throw new StoreSchemaException(
                $"the PostgreSQL database '{connection.Database}' has an older AFT schema (missing {string.Join(", ", pending)}); upgrade it with 'aft db upgrade'");
        }
    }
}
