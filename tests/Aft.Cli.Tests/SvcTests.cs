using System.Net.Sockets;
using System.Text;
using Aft.Cli.Tests.Infrastructure;
using Aft.Testing;

namespace Aft.Cli.Tests;

/// <summary>
/// <c>aft svc</c> on a machine without systemd (as the test machine is): the unit it writes, and the systemctl, id and
/// chown calls it makes, seen through a <c>systemctl</c> placed first on PATH that records its arguments; and the
/// readiness a <c>Type=notify</c> unit waits for, sent by a real <c>aft serve</c> to a socket the test listens on.
/// </summary>
[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SvcTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public SvcTests()
    {
        Directory.CreateDirectory(Bin);
        // Exits with the code in SYSTEMCTL_EXIT for 'status' (0 = active), else 0; prints a line for status.
        var fake = _root.Write("bin/systemctl", $$"""
            #!/bin/sh
            echo "$*" >> '{{Calls}}'
            if [ "$1" = status ]; then echo "aft.service - AFT (fake systemctl)"; exit ${SYSTEMCTL_EXIT:-0}; fi
            exit 0
            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Bin => Path.Combine(_root.Path, "bin");

    private string Calls => Path.Combine(_root.Path, "systemctl-calls");

    private string UnitDir => Path.Combine(_root.Path, "units");

    private string DataDir => Path.Combine(_root.Path, "var-lib-aft");

    [Fact]
    public async Task Install_writes_a_confined_notify_unit_for_aft_serve_and_enables_it()
    {
        var transfers = Path.Combine(_root.Path, "srv transfers");

        var installed = await SvcAsync([], "install", "--user", "root", "--data-dir", DataDir, "--unit-dir", UnitDir, "--read-write", transfers);

        Assertions.Succeeded(installed);
        Assert.Contains($"Wrote {UnitDir}/aft.service and enabled it", installed.Stdout);
        var unit = await File.ReadAllLinesAsync(Path.Combine(UnitDir, "aft.service"));
        Assert.Contains("Type=notify", unit);
        Assert.Contains("User=root", unit);
        Assert.Contains("Restart=on-failure", unit);
        Assert.Contains("KillSignal=SIGTERM", unit);
        Assert.Contains("TimeoutStopSec=90", unit);
        Assert.Contains("NoNewPrivileges=yes", unit);
        Assert.Contains("ProtectSystem=strict", unit);
        Assert.Contains("EnvironmentFile=-/etc/aft/aft.env", unit);
        Assert.Contains($"ReadWritePaths={DataDir} \"{transfers}\"", unit);
        Assert.Contains($"ExecStart={DotnetPath()} {AftCli.DllPath} serve --data-dir {DataDir}", unit);
        Assert.Contains("WantedBy=multi-user.target", unit);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(DataDir));
        Assert.Equal(["--version", "daemon-reload", "enable aft.service"], await File.ReadAllLinesAsync(Calls));

        var again = await SvcAsync([], "install", "--user", "root", "--data-dir", DataDir, "--unit-dir", UnitDir);
        Assertions.Succeeded(again);
        Assert.Contains("Rewrote", again.Stdout);
        Assert.DoesNotContain("transfers", await File.ReadAllTextAsync(Path.Combine(UnitDir, "aft.service")));
    }

    [Fact]
    public async Task The_stop_timeout_leaves_room_for_the_configured_drain()
    {
        Assertions.Succeeded(await SvcAsync(new() { ["Aft__Jobs__ShutdownGracePeriod"] = "00:05:00" },
            "install", "--user", "root", "--data-dir", DataDir, "--unit-dir", UnitDir));

        Assert.Contains("TimeoutStopSec=360", await File.ReadAllLinesAsync(Path.Combine(UnitDir, "aft.service")));
    }

    [Fact]
    public async Task Start_stop_and_status_drive_systemctl_and_status_exits_by_the_service_state()
    {
        Assertions.Succeeded(await SvcAsync([], "start"));
        Assertions.Succeeded(await SvcAsync([], "stop", "--name", "aft-b"));
        var active = await SvcAsync([], "status");
        var inactive = await SvcAsync(new() { ["SYSTEMCTL_EXIT"] = "3" }, "status");
        var missing = await SvcAsync(new() { ["SYSTEMCTL_EXIT"] = "4" }, "status", "--name", "nothing");

        Assert.Equal(0, active.ExitCode);
        Assert.Contains("fake systemctl", active.Stdout);
        Assert.Equal(4, inactive.ExitCode);
        Assertions.FailsWithOneLine(missing, 4, "there is no service 'nothing'; 'aft svc install' creates it");
        Assert.Equal(["start aft.service", "stop aft-b.service", "status --no-pager aft.service", "status --no-pager aft.service", "status --no-pager nothing.service"],
            await File.ReadAllLinesAsync(Calls));
    }

    [Fact]
    public async Task Uninstall_stops_disables_and_removes_the_unit_but_keeps_the_data()
    {
        Assertions.Succeeded(await SvcAsync([], "install", "--user", "root", "--data-dir", DataDir, "--unit-dir", UnitDir));
        await File.WriteAllTextAsync(Path.Combine(DataDir, "aft.db"), "jobs");

        var removed = await SvcAsync([], "uninstall", "--unit-dir", UnitDir);

        Assertions.Succeeded(removed);
        Assert.False(File.Exists(Path.Combine(UnitDir, "aft.service")));
        Assert.True(File.Exists(Path.Combine(DataDir, "aft.db")));
        Assert.Equal(["disable --now aft.service", "daemon-reload"], (await File.ReadAllLinesAsync(Calls))[^2..]);
        Assertions.FailsWithOneLine(await SvcAsync([], "uninstall", "--unit-dir", UnitDir), 4, "there is no unit");
    }

    [Theory]
    [InlineData("--data-dir", "relative/dir", "--data-dir must be an absolute path")]
    [InlineData("--name", "aft service", "--name is 1 to 64 letters")]
    public async Task Bad_install_options_are_refused_and_write_nothing(string option, string value, string says)
    {
        Assertions.FailsWithOneLine(await SvcAsync([], "install", "--unit-dir", UnitDir, option, value), 3, says);

        Assert.False(Directory.Exists(UnitDir));
        Assert.False(File.Exists(Calls));
    }

    [Fact]
    public async Task A_serving_node_tells_systemd_it_is_ready_once_listening_and_that_it_is_stopping_on_sigterm()
    {
        var socketPath = Path.Combine(_root.Path, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        await using var service = new ServiceFixture(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = socketPath }, adminKey: null);

        await service.InitializeAsync();
        var ready = await ReceiveAsync(notify);
        Assert.Equal(0, await service.StopAsync());
        var stopping = await ReceiveAsync(notify);

        Assert.StartsWith("READY=1\n", ready);
        Assert.StartsWith("STOPPING=1\n", stopping);
    }

    public void Dispose() => _root.Dispose();

    private Task<AftResult> SvcAsync(Dictionary<string, string?> environment, params string[] args)
    {
        environment["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH");
        return AftCli.RunAsync(["svc", .. args], environment);
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static string DotnetPath()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return Path.IsPathRooted(dotnet) ? dotnet : Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, dotnet)).First(File.Exists);
    }
}
