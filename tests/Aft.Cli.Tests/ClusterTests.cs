using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>
/// Two <c>aft serve</c> processes on one PostgreSQL database form one cluster, and either of them answers for every job:
/// a script stored on one runs when submitted on the other, and status, logs, cancel and the cluster view work from both.
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class ClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Any_silo_answers_for_jobs_submitted_on_another()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);

        var hello = Path.Combine(a.Root, "hello.syncjs");
        await File.WriteAllTextAsync(hello, "Log('hello from ' + Params('who'));");
        Assertions.Succeeded(await a.AdminAsync("scripts", "add", "-n", "hello", "-f", hello));
        var id = Assertions.JobId(await b.AdminAsync("start", "-n", "hello", "-p", "{\"who\":\"b\"}"));

        Assertions.Succeeded(await a.AdminAsync("status", id, "--wait"));
        Assert.Contains("hello from b", (await a.AdminAsync("logs", id)).Stdout);
        Assert.Contains("hello from b", (await b.AdminAsync("logs", id)).Stdout);

        var sleepy = Path.Combine(a.Root, "sleepy.syncjs");
        await File.WriteAllTextAsync(sleepy, "Log('sleeping'); Sleep(60000);");
        Assertions.Succeeded(await b.AdminAsync("scripts", "add", "-n", "sleepy", "-f", sleepy));
        var running = Assertions.JobId(await a.AdminAsync("start", "-n", "sleepy"));
        await WaitForLogAsync(b, running, "sleeping");
        var runsOn = (await cluster.JobAsync(1, running)).GetProperty("silo").GetString();
        Assertions.Succeeded(await b.AdminAsync("cancel", running));
        var cancelled = await a.AdminAsync("status", running, "--wait");
        Assert.Equal(2, cancelled.ExitCode);

        var view = await cluster.Client(0).GetFromJsonAsync<JsonElement>("/v1/cluster");
        Assert.Equal("postgres", view.GetProperty("store").GetString());
        var silos = view.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(2, silos.Count(silo => silo.GetProperty("status").GetString() == "active"));
        Assert.Single(silos, silo => silo.GetProperty("self").GetBoolean());
        Assert.Contains(silos, silo => silo.GetProperty("address").GetString() == runsOn);
        Assert.All(silos, silo => Assert.Equal(0, silo.GetProperty("runningJobs").GetInt32()));
        Assert.Equal((0, 0, 0), await cluster.UnfinishedAsync(1));
    }

    private static async Task WaitForLogAsync(ServiceFixture silo, string jobId, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await silo.AdminAsync("logs", jobId)).Stdout.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} never logged '{text}'");
            await Task.Delay(100);
        }
    }
}
