using System.CommandLine;
using Aft.Cli.Admin;
using Aft.Grains.Accounts;
using Aft.Grains.Audit;
using Aft.Grains.Settings;
using Aft.Grains.Storage;
using Aft.Silo;

namespace Aft.Cli.Commands;

/// <summary>
/// <c>aft reinit</c>: lets a locked-out operator in again. With the service stopped, it deletes the web UI's admin
/// accounts and resets the UI's settings; the next visit to the UI shows the setup wizard.
/// </summary>
public static class ReinitCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var command = new Command("reinit", """
            Recover the web UI after a lockout (forgotten passwords, a wrong UI allowlist): deletes every admin account and
            resets the UI settings (session lifetime, UI allowlist) to their defaults. Scripts, the VFS Library, secrets,
            API keys, jobs, schedules and webhooks are kept. The service must be stopped (every silo, on PostgreSQL); the
            next visit to the web UI shows the setup wizard, which asks for an admin API key.

            Example:
              aft reinit --data-dir /var/lib/aft
            """)
        {
            dataDir, yes,
        };
        command.SetAction(async parse =>
        {
            var dataDirectory = CommonOptions.DataDirectory(parse, dataDir);
            if (!Directory.Exists(dataDirectory.Path))
            {
                throw CliException.Usage($"there is no data dir at {dataDirectory.Path}; name the service's with --data-dir");
            }

            if (DataDirectoryLock.IsHeld(dataDirectory))
            {
                throw new CliException($"the service is running on the data dir {dataDirectory.Path}: stop it first ('aft svc stop', or Ctrl-C where 'aft serve' runs), then run 'aft reinit' again");
            }

            // Held while reinit works, so that a service cannot start on the data dir meanwhile.
            using var held = DataDirectoryLock.Acquire(dataDirectory);
            await using var store = LocalStore.Open(dataDirectory);
            if (store.Get<StoreOptions>().Provider == StoreProvider.Postgres && await LiveSilos.ListAsync(store.Get<AppDatabase>()) is { Count: > 0 } live)
            {
                throw new CliException($"silos of the cluster are running ({string.Join(", ", live)}): stop every silo first, then run 'aft reinit' again");
            }

            if (!parse.GetValue(yes) && !Confirm())
            {
                throw new CliException("nothing was changed (confirm with 'yes', or pass --yes)");
            }

            var admins = await store.Get<AdminAccountStore>().DeleteAllAsync();
            await store.Get<UiSettingsStore>().ResetAsync();
            await store.Get<AuditTrail>().RecordAsync(AuditActor.Host(), "ui.reinitialized", "ui", null, after: new { deletedAdmins = admins });
            await Console.Out.WriteLineAsync($"""
                Deleted {admins} admin account{(admins == 1 ? "" : "s")} and reset the web UI settings (session lifetime, UI allowlist) to their defaults.
                Kept: scripts, VFS Library, secrets, API keys, jobs, schedules and webhooks.
                Start the service; the web UI then shows the setup wizard, which asks for an admin API key (the first one is in {dataDirectory.InitialAdminKeyFile}).
                """);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Confirm()
    {
        Console.Error.Write("Delete every admin account of the web UI and reset its settings? Type 'yes' to go on: ");
        return Console.In.ReadLine()?.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) == true;
    }
}
