using Aft.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Cli.Tests.Infrastructure;

namespace Aft.Cli.Tests;

/// <summary>
/// PostgreSQL goes away for a while under a running cluster: the API answers 503 with Retry-After instead of hanging or
/// accepting what it cannot store; when the database is back the cluster goes on by itself, and every job accepted
/// before the outage ends, those that were running during it included.
/// </summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class OutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_api_answers_503_during_an_outage_and_the_cluster_recovers_with_every_accepted_job()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2, new Dictionary<string, string?> { ["Aft__Jobs__MaxConcurrentJobs"] = "3" });
        await cluster.AddScriptAsync("steady", "Log('start'); Sleep(1500); Log('end');");
        var accepted = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            accepted.Add(await cluster.SubmitAsync(i % 2, "steady"));
        }

        await cluster.WaitUntilAsync(async () => (await cluster.UnfinishedAsync(0)).Running > 0, TimeSpan.FromSeconds(30));
        await postgres.Server.StopAsync();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                using var refused = await cluster.Client(i).PostAsJsonAsync("/v1/jobs", new { scriptName = "steady" });
                Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}\n{cluster.Output}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"no Retry-After: {refused.Headers}");
                using var list = await cluster.Client(i).GetAsync("/v1/jobs");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            }

            // Long enough for the running jobs to end while the store is away.
            await Task.Delay(TimeSpan.FromSeconds(6));
        }
        finally
        {
            await postgres.Server.StartAgainAsync();
        }

        await cluster.WaitUntilAsync(async () => await UnfinishedOrNullAsync(cluster) == (0, 0, 0), TimeSpan.FromSeconds(90),
            async () => $"unfinished: {await UnfinishedOrNullAsync(cluster)}");
        foreach (var id in accepted)
        {
            var job = await cluster.JobAsync(1, id);
            Assert.True(job.GetProperty("status").GetString() == "succeeded", $"{job}");
        }

        var after = await cluster.SubmitAsync(0, "steady");
        var ended = await cluster.Client(1).GetFromJsonAsync<JsonElement>($"/v1/jobs/{after}?wait=30s");
        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        var view = await cluster.Client(0).GetFromJsonAsync<JsonElement>("/v1/cluster");
        Assert.Equal(2, view.GetProperty("silos").EnumerateArray().Count(silo => silo.GetProperty("status").GetString() == "active"));
    }

    /// <summary>The counts once the API answers again (null while it still answers 503).</summary>
    private static async Task<(long, long, long)?> UnfinishedOrNullAsync(SiloCluster cluster)
    {
        try
        {
            return await cluster.UnfinishedAsync(0);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
