using System.CommandLine;
using Aft.Cli.Client;
using Aft.Cli.Commands;
using Aft.Silo;

namespace Aft.Cli.Admin;

/// <summary>Chooses where administration happens: the running service, or the data dir itself when none runs.</summary>
public static class AdminBackends
{
    /// <summary>
    /// The service when one holds the data dir's lock or <c>--host</c> names one (its caches and checks then stay
    /// in charge); otherwise the data dir directly, which needs no key: whoever can open it owns it.
    /// </summary>
    public static IAdminBackend Open(ServiceTarget target)
    {
        if (!target.HostGiven && !DataDirectoryLock.IsHeld(target.DataDirectory))
        {
            return DataDirectoryAdmin.Open(target.DataDirectory);
        }

        return target.ApiKey is null
            ? throw CliException.Usage($"a service is running on {target.DataDirectory.Path}; administer it with an admin API key: " +
                $"--apikey KEY or {ServiceOptions.ApiKeyVariable} (the first one is in {target.DataDirectory.InitialAdminKeyFile})")
            : AftApiClient.Connect(target);
    }

    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="action"/> against the chosen backend.</summary>
    public static void SetAdminAction(this Command command, Func<ParseResult, IAdminBackend, Task<int>> action)
    {
        var service = new ServiceOptions(command);
        command.SetAction(async parse =>
        {
            await using var admin = Open(service.Read(parse));
            return await action(parse, admin);
        });
    }
}
