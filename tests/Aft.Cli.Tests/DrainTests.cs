using Aft.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;
using Aft.Testing.Servers;

namespace Aft.Cli.Tests;

/// <summary>
/// SIGTERM drains a silo of a cluster: it answers not-ready, takes no new jobs, lets its running jobs finish within the
/// shutdown grace period, halts the one that does not (which then goes on on the other silo, per its retry policy),
/// and exits; no job is lost or waits for the cluster to notice a dead silo.
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class DrainTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_terminated_silo_finishes_what_it_can_and_hands_the_rest_over()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2, new Dictionary<string, string?>
        {
            ["Aft__Jobs__MaxConcurrentJobs"] = "2",
            ["Aft__Jobs__ShutdownGracePeriod"] = "00:00:04",
        });
        // Runs until halted (then fails), or 8 s: its first attempt outlasts the grace period, its second does not.
        await cluster.AddScriptAsync("bounded", """
            Log('attempt start');
            var until = Date.now() + 8000;
            while (!HaltSignalReceived() && Date.now() < until) { Sleep(100); }
            if (HaltSignalReceived()) { Log('halted'); Exit(1); }
            Log('done');
            """, maxAttempts: 2);
        await cluster.AddScriptAsync("short", "Log('start'); Sleep(1500); Log('end');");

        var bounded = await cluster.SubmitAsync(0, "bounded");
        await cluster.WaitUntilAsync(async () => (await cluster.JobAsync(0, bounded)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(30));
        var drained = await IndexOfSiloAsync(cluster, (await cluster.JobAsync(0, bounded)).GetProperty("silo").GetString()!);
        var survivor = 1 - drained;
        var shorts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            shorts.Add(await cluster.SubmitAsync(survivor, "short"));
        }

        // The silo to drain runs the bounded job and a short one.
        await cluster.WaitUntilAsync(async () => await RunningOnAsync(cluster, drained) == 2, TimeSpan.FromSeconds(30));
        var process = cluster.Silos[drained].Process;
        var terminatedAt = DateTime.UtcNow;
        ServerProcess.Signal(process.Id, "TERM");

        // Not ready while it drains, so a load balancer stops sending it requests.
        await cluster.WaitUntilAsync(async () =>
        {
            using var ready = await cluster.Client(drained).GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(3));

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
        Assert.Equal(0, process.ExitCode);
        Assert.InRange(DateTime.UtcNow - terminatedAt, TimeSpan.Zero, TimeSpan.FromSeconds(20));

        await cluster.WaitUntilAsync(async () => await cluster.UnfinishedAsync(survivor) == (0, 0, 0), TimeSpan.FromSeconds(60),
            async () => $"unfinished: {await cluster.UnfinishedAsync(survivor)}");
        foreach (var id in shorts)
        {
            var job = await cluster.JobAsync(survivor, id);
            Assert.True(job.GetProperty("status").GetString() == "succeeded" && job.GetProperty("attempts").GetInt32() == 1, $"{job}");
        }

        var handedOver = await cluster.JobAsync(survivor, bounded);
        Assert.Equal(("succeeded", 2), (handedOver.GetProperty("status").GetString(), handedOver.GetProperty("attempts").GetInt32()));
        var log = await cluster.LogAsync(survivor, bounded);
        Assert.Contains(log, line => line.GetProperty("attempt").GetInt32() == 1 && line.GetProperty("message").GetString() == "halted");
        Assert.Contains(log, line => line.GetProperty("attempt").GetInt32() == 2 && line.GetProperty("message").GetString() == "done");
    }

    private static async Task<int> IndexOfSiloAsync(SiloCluster cluster, string address)
    {
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            var view = await cluster.Client(i).GetFromJsonAsync<JsonElement>("/v1/cluster");
            if (view.GetProperty("silos").EnumerateArray().Any(silo => silo.GetProperty("self").GetBoolean() && silo.GetProperty("address").GetString() == address))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no silo at {address}");
    }

    private static async Task<int> RunningOnAsync(SiloCluster cluster, int index)
    {
        var view = await cluster.Client(index).GetFromJsonAsync<JsonElement>("/v1/cluster");
        return view.GetProperty("silos").EnumerateArray().Single(silo => silo.GetProperty("self").GetBoolean()).GetProperty("runningJobs").GetInt32();
    }
}
