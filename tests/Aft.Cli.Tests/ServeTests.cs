using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary><c>aft serve</c> stops gracefully on SIGTERM: a running job finishes and is recorded before the process exits.</summary>
public sealed class ServeTests
{
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
        Assert.Contains("AFT stopped.", service.Output);
        Assert.False(File.Exists(Path.Combine(service.DataDir, "aft.sock")) && IsListening(service), "the socket still answers after stop");

        await service.StartAsync();
        var job = Assertions.Json(await service.AdminAsync("status", id, "--json"));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Contains("end", (await service.AdminAsync("logs", id)).Stdout);
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
