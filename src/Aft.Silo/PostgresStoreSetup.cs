using Aft.Grains.Security;
using Aft.Grains.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aft.Silo;

/// <summary>What <c>aft db init</c> and <c>aft db upgrade</c> do to a PostgreSQL database.</summary>
public static class PostgresStoreSetup
{
    /// <summary>The outcome: the scripts applied now, and the initial admin key when this run created it.</summary>
    public sealed record Result(string Database, IReadOnlyList<string> Applied, string? InitialAdminKey);

    /// <summary>Creates the schema (or completes it) and, on a store with no API key yet, the initial admin key.</summary>
    public static async Task<Result> InitAsync(string connectionString)
    {
        var (database, applied) = await UpgradeSchemaAsync(connectionString, requireSchema: false);
        await using var store = new PostgresAppDatabase(connectionString, NullLoggerFactory.Instance);
        var key = await InitialAdminKey.CreateIfNoneAsync(new ApiKeyStore(store, TimeProvider.System));
        return new Result(database, applied, key);
    }

    /// <summary>Applies the scripts an existing AFT database lacks; throws <see cref="Grains.Storage.StoreSchemaException"/> on a database with no AFT schema.</summary>
    public static async Task<Result> UpgradeAsync(string connectionString)
    {
        var (database, applied) = await UpgradeSchemaAsync(connectionString, requireSchema: true);
        return new Result(database, applied, null);
    }

    private static async Task<(string Database, IReadOnlyList<string> Applied)> UpgradeSchemaAsync(string connectionString, bool requireSchema)
    {
        await using var dataSource = PostgresConnections.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        if (requireSchema && await PostgresSchema.IsEmptyAsync(connection))
        {
            throw new Grains.Storage.StoreSchemaException($"the PostgreSQL database '{connection.Database}' has no AFT schema yet; create it with 'aft db init'");
        }

        return (connection.Database, await PostgresSchema.UpgradeAsync(connection));
    }
}
