using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Silo.Tests;

/// <summary>A schedule outlives a kill -9 of its node: it fires on after the restart and catches up what the downtime missed, once each.</summary>
public sealed class ScheduleRestartTests : NodeTest
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);


    [Fact]
    public async Task A_schedule_fires_on_after_a_kill_and_catches_up_each_missed_occurrence_once()
    {
        var port = LoopbackPorts.Free();
        var siloPort = LoopbackPorts.Free();
        string scriptId;
        int beforeKill;
        using (var first = await AftProcess.StartAsync(Store, DataDir, port, siloPort))
        using (var client = first.Client())
        {
            var script = await client.PostAsJsonAsync("/v1/scripts", new { name = "scheduled", code = "Log('tick');" });
            scriptId = (await script.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var schedule = await client.PostAsJsonAsync("/v1/schedules",
                new { name = "every-two-seconds", scriptId, cron = "*/2 * * * * *", overlap = "allow", catchUp = "all" });
            Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
            beforeKill = (await WaitForJobsAsync(client, scriptId, 2)).Count;
            first.Kill();
        }

        var killedAt = DateTimeOffset.UtcNow;
        await Task.Delay(Every * 3);
        using var second = await AftProcess.StartAsync(Store, DataDir, port, siloPort);
        using var again = second.Client();
        var jobs = await WaitForJobsAsync(again, scriptId, beforeKill + 4);
        await again.PostAsync("/v1/schedules/every-two-seconds/pause", null);
        jobs = await WaitForJobsAsync(again, scriptId, 0);

        var span = jobs.Max(job => job.CreatedAt) - jobs.Min(job => job.CreatedAt);
        Assert.All(jobs, job => Assert.Equal("schedule", job.Source));
        // The downtime (three occurrences at least) was caught up by the second process.
        Assert.True(jobs.Count(job => job.CreatedAt >= killedAt) >= 3, string.Join(", ", jobs.Select(job => job.CreatedAt)));
        // Once each: no more jobs than occurrences from the first job's to the last's.
        Assert.True(jobs.Count <= span / Every + 2, $"{jobs.Count} jobs in {span} (killed at {killedAt:O})");
    }

    private static async Task<List<(DateTimeOffset CreatedAt, string Source)>> WaitForJobsAsync(HttpClient client, string scriptId, int count)
    {
        for (var i = 0; ; i++)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs?scriptId={scriptId}&limit=500");
            var jobs = page.GetProperty("items").EnumerateArray()
                .Select(job => (job.GetProperty("createdAt").GetDateTimeOffset(), job.GetProperty("source").GetString()!)).ToList();
            if (jobs.Count >= count || i == 600)
            {
                return jobs;
            }

            await Task.Delay(50);
        }
    }

}
