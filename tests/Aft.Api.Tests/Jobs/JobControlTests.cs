using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aft.Api.Tests.Jobs;

[Collection(AftNodeCollection.Name)]
public sealed class JobControlTests(AftNodeFixture node)
{
    [Fact]
    public async Task Cancel_raises_the_halt_signal_and_the_job_ends_cancelled_and_cancel_is_idempotent()
    {
        var scriptId = await node.CreateScriptAsync("""Log("waiting"); WaitForHaltSignal(); Log("halted: " + HaltSignalReceived());""");
        var jobId = await node.SubmitAsync(scriptId);
        await WaitForStatusAsync(jobId, "running");
        using var client = node.AdminClient();

        var cancel = await client.PostAsync($"/v1/jobs/{jobId}/cancel", null);
        var job = await node.WaitAsync(jobId);
        var again = await client.PostAsync($"/v1/jobs/{jobId}/cancel", null);

        Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("cancelled", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Contains("halted: true", await node.LogMessagesAsync(jobId));
    }

    [Fact]
    public async Task A_script_that_ignores_the_halt_is_stopped_after_the_grace_period()
    {
        var (_, job) = await CancelWhileRunningAsync("while (true) { Sleep(20); }");

        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Cancel_ends_a_Sleep_at_once_and_the_job_reports_the_exit_code_the_script_then_gives()
    {
        var (jobId, job) = await CancelWhileRunningAsync("""Log("sleeping"); Sleep(60000); Log("halted: " + HaltSignalReceived()); Exit(3);""");

        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Contains("halted: true", await node.LogMessagesAsync(jobId));
        Assert.Equal(3, job.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Wait_returns_when_the_job_ends_not_when_the_wait_runs_out()
    {
        var scriptId = await node.CreateScriptAsync("Sleep(300);");
        var jobId = await node.SubmitAsync(scriptId);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var job = await node.WaitAsync(jobId, "20s");

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task A_script_max_concurrency_of_one_runs_its_jobs_one_after_another()
    {
        var scriptId = await node.CreateScriptAsync("""Log(Date.now()); Sleep(200); Log(Date.now());""", new { maxConcurrency = 1 });
        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => node.SubmitAsync(scriptId)));
        await Task.WhenAll(ids.Select(id => node.WaitAsync(id)));

        var runs = new List<(long Start, long End)>();
        foreach (var id in ids)
        {
            var times = (await node.LogMessagesAsync(id)).Select(long.Parse).ToArray();
            runs.Add((times[0], times[1]));
        }

        runs.Sort();
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].Start >= runs[i - 1].End, $"run {i} started at {runs[i].Start} before run {i - 1} ended at {runs[i - 1].End}");
        }
    }

    [Fact]
    public async Task Jobs_held_back_by_their_script_limit_do_not_hold_back_other_scripts()
    {
        var limited = await node.CreateScriptAsync("Sleep(1000);", new { maxConcurrency = 1 });
        var other = await node.CreateScriptAsync("Log('quick');");
        var held = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await node.SubmitAsync(limited));
        }

        var quick = await node.WaitAsync(await node.SubmitAsync(other));
        var lastHeld = await node.WaitAsync(held[^1]);

        Assert.Equal("succeeded", quick.GetProperty("status").GetString());
        Assert.True(quick.GetProperty("finishedAt").GetDateTimeOffset() < lastHeld.GetProperty("startedAt").GetDateTimeOffset(),
            "the other script's job ran while the limited script's jobs waited their turn");
    }

    [Fact]
    public async Task The_log_follows_live_as_server_sent_events_until_the_job_ends()
    {
        var scriptId = await node.CreateScriptAsync("""Log("one"); Sleep(300); Log("two");""");
        var jobId = await node.SubmitAsync(scriptId);
        using var client = node.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/log");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var one = stream.IndexOf("\"message\":\"one\"", StringComparison.Ordinal);
        var two = stream.IndexOf("\"message\":\"two\"", StringComparison.Ordinal);
        var end = stream.IndexOf("event: end", StringComparison.Ordinal);
        Assert.True(one >= 0 && two > one && end > two, stream);
        Assert.Contains("\"status\":\"succeeded\"", stream[end..]);
    }

    [Fact]
    public async Task The_log_reads_on_from_a_cursor()
    {
        var scriptId = await node.CreateScriptAsync("""for (var i = 0; i < 5; i++) { Log("line " + i); }""");
        var jobId = await node.SubmitAsync(scriptId);
        await node.WaitAsync(jobId);
        using var client = node.AdminClient();

        var first = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}/log?limit=2");
        var cursor = first.GetProperty("cursor").GetInt64();
        var rest = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}/log?after={cursor}");

        Assert.Equal(["line 0", "line 1"], first.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        Assert.Equal(["line 2", "line 3", "line 4"], rest.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        Assert.True(rest.GetProperty("jobEnded").GetBoolean());
    }

    [Fact]
    public async Task The_list_filters_by_script_and_status_newest_first_with_a_cursor()
    {
        var scriptId = await node.CreateScriptAsync("Log('x');");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await node.SubmitAsync(scriptId));
        }

        foreach (var id in ids)
        {
            await node.WaitAsync(id);
        }

        using var client = node.AdminClient();
        var page1 = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs?scriptId={scriptId}&status=succeeded&limit=2");
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs?scriptId={scriptId}&status=succeeded&limit=2&cursor={cursor}");
        var failed = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs?scriptId={scriptId}&status=failed");

        var listed = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(job => job.GetProperty("jobId").GetString()).ToArray();
        Assert.Equal(Enumerable.Reverse(ids).ToArray(), listed);
        Assert.Equal(0, failed.GetProperty("items").GetArrayLength());
    }

    /// <summary>Runs <paramref name="code"/> as a job, cancels it once it runs, and waits for its end (the grace period is 1 s here).</summary>
    private async Task<(string JobId, JsonElement Job)> CancelWhileRunningAsync(string code)
    {
        var jobId = await node.SubmitAsync(await node.CreateScriptAsync(code));
        await WaitForStatusAsync(jobId, "running");
        using var client = node.AdminClient();
        await client.PostAsync($"/v1/jobs/{jobId}/cancel", null);
        return (jobId, await node.WaitAsync(jobId, "10s"));
    }

    private async Task WaitForStatusAsync(string jobId, string status)
    {
        using var client = node.AdminClient();
        for (var i = 0; i < 200; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}");
            if (job.GetProperty("status").GetString() == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"job {jobId} never reached {status}");
    }
}
