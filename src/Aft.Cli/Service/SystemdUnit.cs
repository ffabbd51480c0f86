using System.Text;

namespace Aft.Cli.Service;

/// <summary>
/// The systemd unit <c>aft svc install</c> writes: <c>aft serve</c> as its own user with its own data dir, ready
/// when the API and the silo are up (<c>Type=notify</c>), restarted on failure, given the time to drain on stop, and
/// confined (read-only system, no privilege gain, writes only to its data dir and the paths given).
/// </summary>
/// <param name="Command">The program and arguments that run <c>aft</c> (the apphost, or <c>dotnet aft.dll</c>).</param>
/// <param name="StopTimeout">How long systemd lets a stopping service drain before it kills it.</param>
public sealed record SystemdUnit(
    string Name,
    string User,
    string DataDir,
    string EnvironmentFile,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> ReadWritePaths,
    TimeSpan StopTimeout)
{
    public string FileName => Name + ".service";

    public string Render()
    {
        var unit = new StringBuilder();
        unit.AppendLine($"""
            # Written by 'aft svc install'; 'aft svc install' again rewrites it, 'aft svc uninstall' removes it.
            [Unit]
            Description=AFT automated file transfer ({Name})
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=notify
            User={User}
            Group={User}
            # Settings as environment variables (Aft__Server__Port=44399, Aft__Store__Provider=Postgres, …); optional.
            EnvironmentFile=-{EnvironmentFile}
            Environment=DOTNET_NOLOGO=1
            WorkingDirectory={Escape(DataDir)}
            ExecStart={string.Join(' ', Command.Append("serve").Append("--data-dir").Append(DataDir).Select(Quote))}
            Restart=on-failure
            RestartSec=5
            TimeoutStartSec=120
            # SIGTERM drains: running jobs get Aft:Jobs:ShutdownGracePeriod, then the silo stops.
            KillSignal=SIGTERM
            TimeoutStopSec={(int)Math.Ceiling(StopTimeout.TotalSeconds)}
            LimitNOFILE=65536
            NoNewPrivileges=yes
            ProtectSystem=strict
            ProtectHome=read-only
            PrivateTmp=yes
            PrivateDevices=yes
            ProtectKernelTunables=yes
            ProtectKernelModules=yes
            ProtectControlGroups=yes
            ProtectClock=yes
            ProtectHostname=yes
            RestrictSUIDSGID=yes
            RestrictRealtime=yes
            RestrictNamespaces=yes
            LockPersonality=yes
            UMask=0077
            """);
        unit.AppendLine($"ReadWritePaths={string.Join(' ', ReadWritePaths.Prepend(DataDir).Distinct().Select(Quote))}");
        unit.AppendLine("""

            [Install]
            WantedBy=multi-user.target
            """);
        return unit.ToString();
    }

    /// <summary>A word of a command line or path list as systemd reads it: quoted when it has spaces, specifiers escaped.</summary>
    private static string Quote(string word)
    {
        var escaped = Escape(word).Replace("\\", "\\\\").Replace("\"", "\\\"");
        return escaped.Any(char.IsWhiteSpace) || escaped.Length == 0 ? $"\"{escaped}\"" : escaped;
    }

    /// <summary>'%' starts a specifier and '$' a variable in systemd's settings; doubled, each stands for itself.</summary>
    private static string Escape(string value) => value.Replace("%", "%%").Replace("$", "$$");
}
