using Aft.Testing;
using Aft.Testing.Servers;

namespace Aft.Silo.Tests;

/// <summary>
/// The store a test's <c>aft serve</c> processes run on, the one <see cref="TestStore"/> names. The embedded SQLite
/// needs nothing: the data dir holds it and the first admin key. PostgreSQL is a server of its own with a database
/// set up as <c>aft db init</c> does it, whose admin key and secrets key every process on it shares, so a restarted
/// process finds everything the killed one stored.
/// </summary>
public sealed class NodeStore : IDisposable
{
    private readonly PostgresServer? _postgres;
    private readonly string? _adminKey;

    private NodeStore(PostgresServer? postgres, string? adminKey, IReadOnlyDictionary<string, string> environment)
    {
        _postgres = postgres;
        _adminKey = adminKey;
        Environment = environment;
    }

    /// <summary>The store's configuration for <c>aft serve</c>, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<NodeStore> CreateAsync()
    {
        if (!TestStore.OnPostgres)
        {
            return new NodeStore(null, null, new Dictionary<string, string>());
        }

        var postgres = await PostgresServer.StartAsync();
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync();
            var init = await PostgresStoreSetup.InitAsync(connectionString);
            return new NodeStore(postgres, init.InitialAdminKey, new Dictionary<string, string>
            {
                ["Aft__Store__Provider"] = "Postgres",
                ["Aft__Store__ConnectionString"] = connectionString,
                ["Aft__Secrets__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["Aft__Cluster__AdvertisedAddress"] = "127.0.0.1",
            });
        }
        catch
        {
            postgres.Dispose();
            throw;
        }
    }

    /// <summary>The admin key of a node on <paramref name="dataDir"/>.</summary>
    public string AdminKey(string dataDir) => _adminKey ?? File.ReadAllText(Path.Combine(dataDir, "initial-admin-key")).Trim();

    public void Dispose() => _postgres?.Dispose();
}
