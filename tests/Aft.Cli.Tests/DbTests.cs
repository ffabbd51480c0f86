using Aft.Testing;
using Aft.Cli.Tests.Infrastructure;
using Npgsql;

namespace Aft.Cli.Tests;

/// <summary>
/// <c>aft db init|upgrade</c> on a real PostgreSQL server, and a silo that refuses a database whose schema is missing or
/// older than its own.
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class DbTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Init_creates_the_schema_and_the_initial_admin_key_once_and_is_idempotent()
    {
        using var root = new TempDirectory();
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var keyFile = Path.Combine(root.Path, "admin-key");

        var first = await AftCli.RunAsync(["db", "init", "--connection-string", connectionString, "--admin-key-file", keyFile]);

        Assertions.Succeeded(first);
        Assert.Contains("001-app.sql, 002-orleans.sql", first.Stdout);
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.Contains(key, first.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM api_keys"));

        var again = await AftCli.RunAsync(["db", "init"], new Dictionary<string, string?> { ["Aft__Store__ConnectionString"] = connectionString });
        Assertions.Succeeded(again);
        Assert.Contains("already has the current AFT schema", again.Stdout);
        Assert.DoesNotContain("admin API key", again.Stdout);
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM api_keys"));

        var upgrade = await AftCli.RunAsync(["db", "upgrade", "--connection-string", connectionString]);
        Assertions.Succeeded(upgrade);
        Assert.Contains("nothing to do", upgrade.Stdout);
    }

    [Fact]
    public async Task Upgrade_applies_only_what_an_older_schema_lacks()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        Assertions.Succeeded(await AftCli.RunAsync(["db", "init", "--connection-string", connectionString]));
        await ExecuteAsync(connectionString, """
            DROP TABLE OrleansQuery, OrleansMembershipTable, OrleansMembershipVersionTable, OrleansStorage, OrleansRemindersTable;
            DELETE FROM aft_schema WHERE script = '002-orleans.sql';
            """);

        var upgrade = await AftCli.RunAsync(["db", "upgrade", "--connection-string", connectionString]);

        Assertions.Succeeded(upgrade);
        Assert.Contains("Applied to the database", upgrade.Stdout);
        Assert.Contains("002-orleans.sql", upgrade.Stdout);
        Assert.DoesNotContain("001-app.sql", upgrade.Stdout);
    }

    [Fact]
    public async Task A_silo_refuses_a_database_without_the_schema_and_names_the_command_that_makes_it()
    {
        using var root = new TempDirectory();
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?>
        {
            ["Aft__Store__Provider"] = "Postgres",
            ["Aft__Store__ConnectionString"] = connectionString,
            ["Aft__Secrets__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Aft__Cluster__SiloPort"] = Aft.Testing.LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string[] serve = ["serve", "--data-dir", root.Path, "--port", Aft.Testing.LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)];

        Assertions.FailsWithOneLine(await AftCli.RunAsync(serve, environment), 4, "has no AFT schema; create it with 'aft db init'");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(serve, new Dictionary<string, string?>(environment) { ["Aft__Secrets__Key"] = null }), 4,
            "set Aft:Secrets:Key");

        Assertions.Succeeded(await AftCli.RunAsync(["db", "init", "--connection-string", connectionString]));
        await ExecuteAsync(connectionString, "DELETE FROM aft_schema WHERE script = '002-orleans.sql'");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(serve, environment), 4, "older AFT schema (missing 002-orleans.sql); upgrade it with 'aft db upgrade'");
    }

    [Fact]
    public async Task Bad_or_missing_databases_are_one_line_each_and_never_show_the_password()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        Assertions.FailsWithOneLine(await AftCli.RunAsync(["db", "upgrade", "--connection-string", connectionString]), 4, "has no AFT schema yet; create it with 'aft db init'");
        Assertions.FailsWithOneLine(await AftCli.RunAsync(["db", "init"], new Dictionary<string, string?> { ["Aft__Store__ConnectionString"] = null }), 3, "pass --connection-string");

        var wrongPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password-4711" }.ConnectionString;
        var refused = await AftCli.RunAsync(["db", "init", "--connection-string", wrongPassword]);
        Assertions.FailsWithOneLine(refused, 4, "password authentication failed");
        Assert.DoesNotContain("not-the-password-4711", refused.ToString());

        var closedPort = new NpgsqlConnectionStringBuilder(connectionString) { Port = Aft.Testing.LoopbackPorts.Free() }.ConnectionString;
        var unreachable = await AftCli.RunAsync(["db", "init", "--connection-string", closedPort]);
        Assertions.FailsWithOneLine(unreachable, 4, "cannot be used");
        Assert.DoesNotContain(postgres.Server.Password, unreachable.ToString());
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static Task ExecuteAsync(string connectionString, string sql) => ScalarAsync(connectionString, sql);
}
