using Aft.Testing;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;
using Aft.Testing.Servers;
using Xunit.Abstractions;

namespace Aft.Cli.Tests;

/// <summary>
/// Three silos on one PostgreSQL database; one is killed with SIGKILL while 500 jobs run and wait. Every job still
/// ends, none is lost, the killed silo's running jobs go on elsewhere within a minute, and no job ever had two attempts
/// running at once (each attempt logs its start and its end).
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class FailoverTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Jobs = 500;

    [Fact]
    public async Task Jobs_of_a_killed_silo_go_on_elsewhere_and_none_is_lost_or_runs_twice_at_once()
    {
        // Four slots a silo, so the 500 jobs take a while and the killed silo is busy when it dies.
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3, new Dictionary<string, string?> { ["Aft__Jobs__MaxConcurrentJobs"] = "4" });
        await cluster.AddScriptAsync("attempts", "Log('attempt start'); Sleep(200); Log('attempt end');", maxAttempts: 5);
        var ids = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            ids.Add(await cluster.SubmitAsync(i % 3, "attempts"));
        }

        await cluster.WaitUntilAsync(async () => (await cluster.UnfinishedAsync(0)) is var (queued, running, retrying) && queued + running + retrying <= Jobs - 50,
            TimeSpan.FromSeconds(60));
        var victim = cluster.Silos[2].Process;
        var killedAt = DateTimeOffset.UtcNow;
        ServerProcess.KillAndWait(victim.Id);
        Assert.True(victim.WaitForExit(TimeSpan.FromSeconds(10)), $"silo process {victim.Id} is still there");

        await cluster.WaitUntilAsync(async () => await cluster.UnfinishedAsync(0) == (0, 0, 0), TimeSpan.FromSeconds(180),
            async () => $"unfinished (queued, running, retrying): {await cluster.UnfinishedAsync(0)}");

        var resumedAfter = new List<TimeSpan>();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var job = await cluster.JobAsync(i % 2, id);
            Assert.True(job.GetProperty("status").GetString() == "succeeded", $"job {id}: {job}");
            var log = await cluster.LogAsync(i % 2, id);
            var attempts = log
                .Where(line => line.GetProperty("message").GetString()!.StartsWith("attempt ", StringComparison.Ordinal))
                .GroupBy(line => line.GetProperty("attempt").GetInt32())
                .OrderBy(attempt => attempt.Key)
                .Select(attempt => (First: attempt.Min(At), Last: attempt.Max(At)))
                .ToList();
            Assert.NotEmpty(attempts);
            for (var k = 1; k < attempts.Count; k++)
            {
                Assert.True(attempts[k - 1].Last < attempts[k].First, $"job {id}: attempt {k} overlaps attempt {k + 1}");
            }

            resumedAfter.AddRange(log
                .Where(line => line.GetProperty("message").GetString()!.StartsWith("interrupted", StringComparison.Ordinal))
                .Select(line => At(line) - killedAt));
        }

        // The killed silo was running jobs; the survivors took them over within the default detection time.
        Assert.NotEmpty(resumedAfter);
        output.WriteLine($"{resumedAfter.Count} interrupted attempts resumed {resumedAfter.Min().TotalSeconds:0.0}–{resumedAfter.Max().TotalSeconds:0.0} s after the kill");
        Assert.True(resumedAfter.Max() < TimeSpan.FromSeconds(60), $"resumed {resumedAfter.Max()} after the kill");
    }

    private static DateTimeOffset At(JsonElement line) => line.GetProperty("at").GetDateTimeOffset();
}
