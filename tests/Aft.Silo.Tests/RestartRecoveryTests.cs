using Aft.Testing;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Silo.Tests;

/// <summary>Kills the service with SIGKILL in the middle of jobs and checks that no job is lost after a restart.</summary>
public sealed class RestartRecoveryTests : NodeTest
{

    [Fact]
    public async Task Jobs_interrupted_by_a_kill_go_on_after_the_restart()
    {
        var port = LoopbackPorts.Free();
        var siloPort = LoopbackPorts.Free();
        string retried, notRetried, queued;
        // Two slots: the two slow jobs take them, so the third is still waiting in the queue when the kill comes.
        var twoSlots = new Dictionary<string, string> { ["Aft__Jobs__MaxConcurrentJobs"] = "2" };
        using (var first = await AftProcess.StartAsync(Store, DataDir, port, siloPort, twoSlots))
        using (var client = first.Client())
        {
            var slow = await CreateScriptAsync(client, "slow-retry", "Log('attempt'); Sleep(60000);", new { maxAttempts = 2, initialBackoffSeconds = 0.1 });
            var slowOnce = await CreateScriptAsync(client, "slow-once", "Sleep(60000);", null);
            var quick = await CreateScriptAsync(client, "quick", "Log('ran');", null);

            retried = await SubmitAsync(client, slow);
            notRetried = await SubmitAsync(client, slowOnce);
            await WaitForStatusAsync(client, retried, "running");
            await WaitForStatusAsync(client, notRetried, "running");
            queued = await SubmitAsync(client, quick);
            Assert.Equal("queued", (await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{queued}")).GetProperty("status").GetString());
            first.Kill();
        }

        using var second = await AftProcess.StartAsync(Store, DataDir, port, siloPort);
        using var again = second.Client();

        // An attempt cut short counts as failed: with attempts left the job runs again…
        var retriedJob = await WaitForStatusAsync(again, retried, "running");
        Assert.Equal(2, retriedJob.GetProperty("attempts").GetInt32());
        // …and without, it fails saying it was interrupted.
        var failed = await again.GetFromJsonAsync<JsonElement>($"/v1/jobs/{notRetried}?wait=30s");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("interrupted", failed.GetProperty("error").GetString());
        // A job accepted just before the kill still runs.
        var quickJob = await again.GetFromJsonAsync<JsonElement>($"/v1/jobs/{queued}?wait=30s");
        Assert.True(quickJob.GetProperty("status").GetString() == "succeeded", quickJob.ToString());

        await again.PostAsync($"/v1/jobs/{retried}/cancel", null);
        Assert.Equal("cancelled", (await again.GetFromJsonAsync<JsonElement>($"/v1/jobs/{retried}?wait=30s")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_service_on_the_same_data_dir_is_refused()
    {
        using var first = await AftProcess.StartAsync(Store, DataDir, LoopbackPorts.Free(), LoopbackPorts.Free());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AftProcess.StartAsync(Store, DataDir, LoopbackPorts.Free(), LoopbackPorts.Free()));

        Assert.Contains("already running on the data dir", error.Message);
    }

    private static async Task<string> CreateScriptAsync(HttpClient client, string name, string code, object? retry)
    {
        var response = await client.PostAsJsonAsync("/v1/scripts", new { name, code, retry });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string scriptId)
    {
        var response = await client.PostAsJsonAsync("/v1/jobs", new { scriptId });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string jobId, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}");
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"job {jobId} never reached {status}");
    }

}
