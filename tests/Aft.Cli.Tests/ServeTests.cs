using Aft.Testing;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>
/// <c>aft serve</c>: it stops gracefully on SIGTERM (a running job finishes and is recorded before the process exits);
/// a start that cannot work is one line with the cause and the fix; services side by side share no port.
/// </summary>
[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class ServeTests
{
    public static TheoryData<string, string> KnownStartFailures => new()
    {
        { "port", "pick another port with --port" },
        { "lock", "another AFT service is already running on the data dir" },
        { "certificate", "the TLS certificate" },
        { "store", "cannot be opened: SQLite Error 26" },
        { "silo-port", "(Aft:Cluster:SiloPort) is taken" },
        { "bind", "--bind 'example.org' is not an IP address" },
        { "trusted-proxies", "Aft:Server:TrustedProxies: '10.0.0.300' is not an IP address or CIDR range" },
    };

    [Theory]
    [MemberData(nameof(KnownStartFailures))]
    public async Task A_start_failure_with_a_known_cause_is_one_line_and_a_non_zero_exit(string cause, string says)
    {
        using var root = new TempDirectory();
        var dataDir = Directory.CreateDirectory(Path.Combine(root.Path, "data")).FullName;
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var port = Aft.Testing.LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?>();
        string[] extra = [];
        FileStream? heldLock = null;
        switch (cause)
        {
            case "port":
                port = takenPort;
                says = $"https://127.0.0.1:{takenPort} is taken";
                break;
            case "lock":
                heldLock = new FileStream(Path.Combine(dataDir, "aft.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
                break;
            case "certificate":
                Directory.CreateDirectory(Path.Combine(dataDir, "tls"));
                await File.WriteAllTextAsync(Path.Combine(dataDir, "tls", "aft.pfx"), "not a certificate");
                break;
            case "store":
                await File.WriteAllTextAsync(Path.Combine(dataDir, "aft.db"), new string('x', 4096));
                break;
            case "silo-port":
                environment["Aft__Cluster__SiloPort"] = takenPort;
                says = $"127.0.0.1:{takenPort} {says}";
                break;
            case "bind":
                extra = ["--bind", "example.org"];
                break;
            case "trusted-proxies":
                environment["Aft__Server__TrustedProxies__0"] = "10.0.0.300";
                break;
        }

        using (heldLock)
        {
            var result = await AftCli.RunAsync(["serve", "--data-dir", dataDir, "--port", port, .. extra], environment);

            Assertions.FailsWithOneLine(result, 4, says);
            Assert.True(result.Stdout.Length == 0, result.ToString());
        }
    }

    [Fact]
    public async Task Two_services_on_one_machine_listen_on_ports_of_their_own()
    {
        await using var first = new ServiceFixture();
        await using var second = new ServiceFixture();
        await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());

        var firstPorts = ListeningTcpPorts(first.Process.Id);
        var secondPorts = ListeningTcpPorts(second.Process.Id);

        // Each: its HTTPS port and its own silo port (loopback), nothing shared.
        Assert.Equal(2, firstPorts.Count);
        Assert.Equal(2, secondPorts.Count);
        Assert.Contains(first.Port, firstPorts);
        Assert.Contains(second.Port, secondPorts);
        Assert.Empty(firstPorts.Intersect(secondPorts));
    }

    [Fact]
    public async Task Sigterm_lets_the_running_job_finish_then_exits_0()
    {
        await using var service = new ServiceFixture();
        await service.InitializeAsync();
        var file = Path.Combine(service.Root, "slow.syncjs");
        await File.WriteAllTextAsync(file, "Log('start'); Sleep(2500); Log('end');");
        Assertions.Succeeded(await service.AdminAsync("scripts", "add", "-n", "slow", "-f", file));
        var id = Assertions.JobId(await service.AdminAsync("start", "-n", "slow"));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await service.StopAsync());
        // Quiet by default: nothing per job from library internals, and a stop that waits for a job says so once, not as a warning.
        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines is [var created, _, var listening, var category, "Stopping: waiting up to 00:00:30 for 1 running job to finish", "AFT stopped."]
            && created.StartsWith("Created the initial admin API key", StringComparison.Ordinal)
            && listening.StartsWith("AFT is listening", StringComparison.Ordinal)
            && category.StartsWith("info: Aft.Grains.Jobs.JobExecutor", StringComparison.Ordinal), service.Output);
        Assert.False(File.Exists(Path.Combine(service.DataDir, "aft.sock")) && IsListening(service), "the socket still answers after stop");

        await service.StartAsync();
        var job = Assertions.Json(await service.AdminAsync("status", id, "--json"));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Contains("end", (await service.AdminAsync("logs", id)).Stdout);
    }

    /// <summary>The TCP ports process <paramref name="pid"/> listens on: its socket inodes looked up in the kernel's tables.</summary>
    private static HashSet<int> ListeningTcpPorts(int pid)
    {
        var inodes = Directory.GetFiles($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target![8..^1])
            .ToHashSet(StringComparer.Ordinal);
        const string Listen = "0A";
        return [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == Listen && inodes.Contains(fields[9]))
            .Select(fields => Convert.ToInt32(fields[1].Split(':')[1], 16))];
    }

    private static bool IsListening(ServiceFixture service)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(service.DataDir, "aft.sock")));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
