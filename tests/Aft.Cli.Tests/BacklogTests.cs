using Aft.Testing;
using System.Net.Http.Json;
using Aft.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Aft.Cli.Tests;

/// <summary>
/// Queued jobs wait in the store, not in a silo: parking a backlog of 40,000 jobs behind a busy slot leaves the silo's
/// memory where it was (a job held in memory, even at a kilobyte, would show as 40 MiB more; 24 is allowed).
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class BacklogTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Warmup = 20_000;
    private const int Backlog = 40_000;

    [Fact]
    public async Task A_parked_backlog_costs_the_silo_no_memory()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 1, new Dictionary<string, string?> { ["Aft__Jobs__MaxConcurrentJobs"] = "1" });
        await cluster.AddScriptAsync("blocker", "WaitForHaltSignal();");
        await cluster.AddScriptAsync("parked", "Log('ran');");
        var blocker = await cluster.SubmitAsync(0, "blocker");
        await cluster.WaitUntilAsync(async () => (await cluster.JobAsync(0, blocker)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(30));

        // Warm up first, so the baseline includes what submitting costs once (buffers, pools, the GC's budget for this
        // rate of allocation, the directory cache filled to its bound).
        await SubmitAsync(cluster, Warmup);
        var before = ResidentMiB(cluster.Silos[0].Process.Id);
        await SubmitAsync(cluster, Backlog);
        var after = ResidentMiB(cluster.Silos[0].Process.Id);

        output.WriteLine($"resident memory {before:0} MiB before, {after:0} MiB after parking {Backlog:N0} more jobs");
        Assert.Equal(Backlog + Warmup, (await cluster.UnfinishedAsync(0)).Queued);
        Assert.True(after - before < 24, $"parking {Backlog:N0} jobs grew the silo from {before:0} to {after:0} MiB");
    }

    private static async Task SubmitAsync(SiloCluster cluster, int count)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                using var response = await cluster.Client(0).PostAsJsonAsync("/v1/jobs", new { scriptName = "parked" });
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    private static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
