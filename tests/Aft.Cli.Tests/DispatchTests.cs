using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>
/// Jobs submitted on one silo start on whichever silo has a free slot, and a script's max concurrency holds for the
/// cluster, not per silo.
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class DispatchTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <remarks>
    /// Every job has a caller waiting on it at silo 0 (<c>?wait=</c>, as an orchestrator does), which keeps its activation
    /// there: a job claimed by silo 1 still runs on silo 1.
    /// </remarks>
    [Fact]
    public async Task Jobs_queued_on_one_silo_run_on_both_and_a_scripts_limit_holds_across_them()
    {
        // Two slots a silo: four jobs could run at once, the script allows three.
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2, new Dictionary<string, string?> { ["Aft__Jobs__MaxConcurrentJobs"] = "2" });
        await cluster.AddScriptAsync("limited", "Log('start'); Sleep(1500); Log('end');", maxConcurrency: 3);
        var ids = new List<string>();
        var waiters = new List<Task<JsonElement>>();
        for (var i = 0; i < 9; i++)
        {
            var id = await cluster.SubmitAsync(0, "limited");
            ids.Add(id);
            waiters.Add(cluster.Client(0).GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}?wait=60s"));
        }

        var busySilos = new HashSet<string>(StringComparer.Ordinal);
        await cluster.WaitUntilAsync(async () =>
        {
            var view = await cluster.Client(1).GetFromJsonAsync<JsonElement>("/v1/cluster");
            foreach (var silo in view.GetProperty("silos").EnumerateArray().Where(silo => silo.GetProperty("runningJobs").GetInt32() > 0))
            {
                busySilos.Add(silo.GetProperty("address").GetString()!);
            }

            return await cluster.UnfinishedAsync(1) == (0, 0, 0);
        }, TimeSpan.FromSeconds(60));

        Assert.All(await Task.WhenAll(waiters), job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        var runs = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await cluster.JobAsync(0, id)).GetProperty("status").GetString());
            var log = await cluster.LogAsync(1, id);
            runs.Add((At(log, "start"), At(log, "end")));
        }

        Assert.Equal(2, busySilos.Count);
        Assert.Equal(3, MostAtOnce(runs));
    }

    private static DateTimeOffset At(IReadOnlyList<JsonElement> log, string message) =>
        log.Single(line => line.GetProperty("message").GetString() == message).GetProperty("at").GetDateTimeOffset();

    /// <summary>The most runs that overlapped at any moment.</summary>
    private static int MostAtOnce(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> runs) =>
        runs.SelectMany(run => new[] { (At: run.Start, Change: 1), (At: run.End, Change: -1) })
            .OrderBy(point => point.At).ThenBy(point => point.Change)
            .Aggregate((Now: 0, Most: 0), (count, point) => (count.Now + point.Change, Math.Max(count.Most, count.Now + point.Change)))
            .Most;
}
