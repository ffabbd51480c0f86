using Aft.Testing;
using System.Security.Cryptography;
using Aft.Testing.Servers;

namespace Aft.Cli.Tests.Infrastructure;

/// <summary>
/// A new database on a PostgreSQL server, set up as an operator does it: <c>aft db init</c>, whose printed admin key
/// every silo on it shares, and one secrets key for all of them.
/// </summary>
/// <param name="SiloSettings">The store's configuration for <c>aft serve</c>, as environment variables.</param>
public sealed record InitializedDatabase(string ConnectionString, string AdminKey, IReadOnlyDictionary<string, string?> SiloSettings)
{
    public static async Task<InitializedDatabase> CreateAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var init = await AftCli.RunAsync(["db", "init", "--connection-string", connectionString]);
        Assertions.Succeeded(init);
        return new InitializedDatabase(connectionString, init.Stdout.Trim().Split('\n')[^1].Trim(), new Dictionary<string, string?>
        {
            ["Aft__Store__Provider"] = "Postgres",
            ["Aft__Store__ConnectionString"] = connectionString,
            ["Aft__Secrets__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Aft__Cluster__AdvertisedAddress"] = "127.0.0.1",
        });
    }
}
