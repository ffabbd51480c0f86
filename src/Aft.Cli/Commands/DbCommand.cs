using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using Aft.Cli.Admin;
using Aft.Grains.Storage;
using Aft.Silo;

namespace Aft.Cli.Commands;

/// <summary><c>aft db init|upgrade</c>: creates and upgrades the schema of a PostgreSQL store that silos of a cluster share.</summary>
public static class DbCommand
{
    private const string ConnectionStringSetting = "Aft:Store:ConnectionString";

    public static Command Create() => new("db", """
        Create or upgrade the PostgreSQL database a cluster of silos shares. (The embedded SQLite store needs neither:
        'aft serve' creates and upgrades it.)

        Examples:
          aft db init --connection-string "Host=db1;Database=aft;Username=aft;Password=…" --admin-key-file ./admin-key
          Aft__Store__ConnectionString="Host=db1;Database=aft;Username=aft;Password=…" aft db upgrade
        """)
    {
        Init(), Upgrade(),
    };

    private static Command Init()
    {
        var connectionString = ConnectionStringOption();
        var adminKeyFile = new Option<string?>("--admin-key-file")
        {
            Description = "Also write the initial admin API key to this file, readable by its owner only",
        };
        var command = new Command("init", """
            Create the AFT schema in a new PostgreSQL database (idempotent: on a database that has it, applies what is
            missing) and, when the database has no API key yet, create the initial admin key and print it once.

            Example:
              aft db init --connection-string "Host=db1;Database=aft;Username=aft;Password=…" --admin-key-file ./admin-key
            """)
        {
            connectionString, adminKeyFile,
        };
        command.SetAction(async parse =>
        {
            var result = await RunAsync(() => PostgresStoreSetup.InitAsync(Resolve(parse.GetValue(connectionString))));
            await Console.Out.WriteLineAsync(result.Applied.Count == 0
                ? $"The database '{result.Database}' already has the current AFT schema."
                : $"Applied to the database '{result.Database}': {string.Join(", ", result.Applied)}.");
            if (result.InitialAdminKey is { } key)
            {
                var file = parse.GetValue(adminKeyFile);
                if (file is not null)
                {
                    OwnerOnlyFile.WriteAllText(Path.GetFullPath(file), key + Environment.NewLine);
                }

                await Console.Out.WriteLineAsync(file is null
                    ? "Created the initial admin API key (shown once; it answers from loopback only):"
                    : $"Created the initial admin API key (shown once; also in {Path.GetFullPath(file)}; it answers from loopback only):");
                await Console.Out.WriteLineAsync(key);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Upgrade()
    {
        var connectionString = ConnectionStringOption();
        var command = new Command("upgrade", """
            Apply the schema scripts this version of AFT has and the database does not (idempotent). Run it once, before
            starting silos of the new version.

            Example:
              aft db upgrade --connection-string "Host=db1;Database=aft;Username=aft;Password=…"
            """)
        {
            connectionString,
        };
        command.SetAction(async parse =>
        {
            var result = await RunAsync(() => PostgresStoreSetup.UpgradeAsync(Resolve(parse.GetValue(connectionString))));
            await Console.Out.WriteLineAsync(result.Applied.Count == 0
                ? $"The database '{result.Database}' already has the current AFT schema; nothing to do."
                : $"Applied to the database '{result.Database}': {string.Join(", ", result.Applied)}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> ConnectionStringOption() => new("--connection-string")
    {
        Description = $"The PostgreSQL connection string (default: {ConnectionStringSetting} from appsettings.json or Aft__Store__ConnectionString)",
    };

    private static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        return CliConfiguration.Load()[ConnectionStringSetting] is { Length: > 0 } configured
            ? configured
            : throw CliException.Usage($"no PostgreSQL database given: pass --connection-string or set {ConnectionStringSetting} (environment Aft__Store__ConnectionString)");
    }

    /// <summary>Turns what a database can answer (unreachable, refused login, no schema) into one clear line.</summary>
    private static async Task<PostgresStoreSetup.Result> RunAsync(Func<Task<PostgresStoreSetup.Result>> setup)
    {
        try
        {
            return await setup();
        }
        catch (StoreSchemaException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage($"the connection string is not valid: {ex.Message}");
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException)
        {
            throw new CliException($"the PostgreSQL database cannot be used: {ex.Message}");
        }
    }
}
