using System.CommandLine;
using System.Runtime.Versioning;
using Aft.Cli.Admin;
using Aft.Cli.Service;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;
using Microsoft.Extensions.Configuration;

namespace Aft.Cli.Commands;

/// <summary><c>aft svc install|uninstall|start|stop|status</c>: AFT as a systemd service on Linux.</summary>
public static class SvcCommand
{
    /// <summary>Beyond the jobs' shutdown grace period: the silo's own stop and halted scripts' end (AftServer's margin), and slack.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(60);

    public static Command Create() => new("svc", """
        Run AFT as a systemd service (Linux, as root).

        Examples:
          sudo aft svc install
          sudo aft svc start
          aft svc status
        """)
    {
        Install(), Uninstall(), Control("start", "Start the service; it is ready once the API and the silo are up."),
        Control("stop", "Stop the service: running jobs get their shutdown grace period to end (they are retried elsewhere or later if not)."),
        Status(),
    };

    private static Option<string> Name() => new("--name") { Description = "The unit's name", DefaultValueFactory = _ => "aft" };

    private static Command Install()
    {
        var name = Name();
        var user = new Option<string>("--user") { Description = "The account the service runs as; created (system account, no login) if missing", DefaultValueFactory = _ => "aft" };
        var dataDir = new Option<string>("--data-dir") { Description = "The service's data directory; created and owned by --user", DefaultValueFactory = _ => "/var/lib/aft" };
        var environmentFile = new Option<string>("--env-file") { Description = "Settings as environment variables (Aft__Server__Port=44399), read if it exists", DefaultValueFactory = _ => "/etc/aft/aft.env" };
        var unitDir = new Option<string>("--unit-dir") { Description = "Where the unit file goes", DefaultValueFactory = _ => "/etc/systemd/system" };
        var readWrite = new Option<string[]>("--read-write")
        {
            Description = "A path outside the data dir the service may write (a disk VFS target); repeatable. Everything else is read-only to it",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("install", """
            Write and enable a systemd unit that runs 'aft serve': its own account and data dir, Type=notify readiness,
            restart on failure, time to drain on stop, and a confined file system. Run it again to rewrite the unit (a new
            aft binary, other paths); the service is not started (aft svc start).

            Example:
              sudo aft svc install --data-dir /var/lib/aft --read-write /srv/transfers
            """)
        {
            name, user, dataDir, environmentFile, unitDir, readWrite,
        };
        command.SetAction(async parse =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw NotLinux();
            }

            RequireRoot("install");
            var unit = new SystemdUnit(
                CheckName(parse.GetValue(name)!), parse.GetValue(user)!, Absolute(parse.GetValue(dataDir)!, "--data-dir"),
                Absolute(parse.GetValue(environmentFile)!, "--env-file"), AftCommand(),
                [.. (parse.GetValue(readWrite) ?? []).Select(path => Absolute(path, "--read-write"))],
                ShutdownGracePeriod() + StopMargin);
            var unitPath = Path.Combine(Absolute(parse.GetValue(unitDir)!, "--unit-dir"), unit.FileName);

            await SystemTool.RunCheckedAsync("systemctl", "--version");
            if ((await SystemTool.RunAsync("id", "-u", unit.User)).ExitCode != 0)
            {
                await SystemTool.RunCheckedAsync("useradd", "--system", "--user-group", "--home-dir", unit.DataDir, "--no-create-home", "--shell", "/usr/sbin/nologin", unit.User);
                await Console.Out.WriteLineAsync($"Created the system account '{unit.User}'.");
            }

            Directory.CreateDirectory(unit.DataDir);
            await SystemTool.RunCheckedAsync("chown", $"{unit.User}:", unit.DataDir);
            File.SetUnixFileMode(unit.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var existed = File.Exists(unitPath);
            WriteAtomically(unitPath, unit.Render());
            await SystemTool.RunCheckedAsync("systemctl", "daemon-reload");
            await SystemTool.RunCheckedAsync("systemctl", "enable", unit.FileName);
            await Console.Out.WriteLineAsync($"""
                {(existed ? "Rewrote" : "Wrote")} {unitPath} and enabled it: AFT runs as '{unit.User}' with its data in {unit.DataDir}.
                Start it with 'aft svc start{NameFlag(unit.Name)}'; the first start prints the initial admin key to the journal (journalctl -u {unit.Name}) and writes it to {Path.Combine(unit.DataDir, "initial-admin-key")}.
                """);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Uninstall()
    {
        var name = Name();
        var unitDir = new Option<string>("--unit-dir") { Description = "Where the unit file is", DefaultValueFactory = _ => "/etc/systemd/system" };
        var command = new Command("uninstall", """
            Stop and disable the service and remove its unit file. The data dir and the account stay (remove them
            yourself once you no longer need the jobs, scripts and keys in them).

            Example:
              sudo aft svc uninstall
            """)
        {
            name, unitDir,
        };
        command.SetAction(async parse =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw NotLinux();
            }

            RequireRoot("uninstall");
            var unitName = CheckName(parse.GetValue(name)!);
            var unitPath = Path.Combine(Absolute(parse.GetValue(unitDir)!, "--unit-dir"), unitName + ".service");
            if (!File.Exists(unitPath))
            {
                throw new CliException($"there is no unit {unitPath}; 'aft svc install' writes it");
            }

            await SystemTool.RunCheckedAsync("systemctl", "disable", "--now", unitName + ".service");
            File.Delete(unitPath);
            await SystemTool.RunCheckedAsync("systemctl", "daemon-reload");
            await Console.Out.WriteLineAsync($"Stopped and disabled {unitName} and removed {unitPath}; its data dir and account are kept.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Control(string verb, string description)
    {
        var name = Name();
        var command = new Command(verb, $"{description}\n\nExample:\n  sudo aft svc {verb}") { name };
        command.SetAction(async parse =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw NotLinux();
            }

            RequireRoot(verb);
            var unitName = CheckName(parse.GetValue(name)!);
            await SystemTool.RunCheckedAsync("systemctl", verb, unitName + ".service");
            await Console.Out.WriteLineAsync(verb == "start" ? $"{unitName} is running." : $"{unitName} is stopped.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var name = Name();
        var command = new Command("status", """
            Show whether the service runs (systemd's view: active, since when, its main process, its latest log lines).
            Exits 0 when it is active, 4 otherwise.

            Example:
              aft svc status
            """)
        {
            name,
        };
        command.SetAction(async parse =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw NotLinux();
            }

            var unitName = CheckName(parse.GetValue(name)!);
            var status = await SystemTool.RunAsync("systemctl", "status", "--no-pager", unitName + ".service");
            await Console.Out.WriteLineAsync(status.Output);

            // systemctl status: 0 active, 3 not running, 4 no such unit.
            return status.ExitCode switch
            {
                0 => ExitCodes.Ok,
                4 => throw new CliException($"there is no service '{unitName}'; 'aft svc install' creates it"),
                _ => ExitCodes.Failed,
            };
        });
        return command;
    }

    private static CliException NotLinux() => new("'aft svc' manages a systemd service: Linux only");

    private static void RequireRoot(string verb)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new CliException($"'aft svc {verb}' changes the system's services: run it as root (sudo aft svc {verb})");
        }
    }

    /// <summary>The command line that runs this <c>aft</c>: its apphost, or <c>dotnet aft.dll</c> when started that way.</summary>
    private static IReadOnlyList<string> AftCommand()
    {
        var process = Environment.ProcessPath ?? throw new CliException("cannot tell where this aft executable is");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "aft.dll")]
            : [process];
    }

    private static TimeSpan ShutdownGracePeriod() =>
        (CliConfiguration.Load().GetSection("Aft:Jobs").Get<JobsOptions>() ?? new JobsOptions()).ShutdownGracePeriod;

    private static string CheckName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')
            ? name
            : throw CliException.Usage("--name is 1 to 64 letters, digits, '-', '_', '.' or '@' (a systemd unit name)");

    private static string Absolute(string path, string option) =>
        Path.IsPathRooted(path) ? Path.GetFullPath(path) : throw CliException.Usage($"{option} must be an absolute path, not '{path}'");

    private static string NameFlag(string name) => name == "aft" ? string.Empty : $" --name {name}";

    [SupportedOSPlatform("linux")]
    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, path, overwrite: true);
    }
}
