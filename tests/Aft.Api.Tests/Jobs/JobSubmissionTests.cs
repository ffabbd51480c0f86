using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Api.Tests.Jobs;

[Collection(AftNodeCollection.Name)]
public sealed class JobSubmissionTests(AftNodeFixture node)
{
    [Fact]
    public async Task The_seed_curl_body_queues_a_job_that_runs_with_its_params()
    {
        var scriptId = await node.CreateScriptAsync("""var id = Params("job_id"); if (!id) { Exit(1); } Log.Info("claimed " + id);""");
        using var client = node.AdminClient();

        // The body exactly as the seed's curl call sends it.
        var body = "{\"scriptId\":\"" + scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}";
        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = submitted.GetProperty("jobId").GetString()!;
        Assert.Equal($"/v1/jobs/{jobId}", response.Headers.Location!.OriginalString);
        Assert.Equal("queued", submitted.GetProperty("status").GetString());

        var done = await node.WaitAsync(jobId);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(0, done.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        Assert.Equal("abc-123", done.GetProperty("params").GetProperty("job_id").GetString());
        Assert.Equal(["claimed abc-123"], await node.LogMessagesAsync(jobId));
    }

    [Fact]
    public async Task ScriptName_matches_case_insensitively_and_object_params_reach_Param()
    {
        var name = "My Backup Job " + Guid.NewGuid().ToString("N")[..6];
        await node.CreateScriptAsync("""Log(Param("character"));""", name: name);
        using var client = node.AdminClient();

        var response = await client.PostAsJsonAsync("/v1/jobs", new { scriptName = name.ToUpperInvariant(), @params = new { character = "goofy" } });
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("succeeded", (await node.WaitAsync(jobId)).GetProperty("status").GetString());
        Assert.Equal(["goofy"], await node.LogMessagesAsync(jobId));
    }

    [Fact]
    public async Task A_failing_script_fails_the_job_with_its_exit_code_and_error()
    {
        var scriptId = await node.CreateScriptAsync("Log.Error(\"nope\");\nExit(7);");
        var job = await node.WaitAsync(await node.SubmitAsync(scriptId));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(7, job.GetProperty("exitCode").GetInt32());
        Assert.Contains("7", job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_uncaught_error_fails_with_exit_code_1_and_the_line_in_the_log()
    {
        var scriptId = await node.CreateScriptAsync("var a = 1;\nnull.boom();");
        var jobId = await node.SubmitAsync(scriptId);
        var job = await node.WaitAsync(jobId);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("exitCode").GetInt32());
        Assert.Contains(await node.LogMessagesAsync(jobId), line => line.Contains("line 2"));
    }

    [Fact]
    public async Task Failed_attempts_are_retried_per_the_script_policy()
    {
        var scriptId = await node.CreateScriptAsync("Exit(3);", new { retry = new { maxAttempts = 3, initialBackoffSeconds = 0.05, backoffMultiplier = 2, maxBackoffSeconds = 0.2 } });
        var jobId = await node.SubmitAsync(scriptId);
        var job = await node.WaitAsync(jobId);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("attempts").GetInt32());
        Assert.Equal(3, job.GetProperty("maxAttempts").GetInt32());
        var log = await node.LogMessagesAsync(jobId);
        Assert.Contains(log, line => line.StartsWith("attempt 1 of 3 failed", StringComparison.Ordinal));
        Assert.Contains(log, line => line.StartsWith("attempt 3 of 3 started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_script_over_its_timeout_ends_timed_out()
    {
        var scriptId = await node.CreateScriptAsync("while (true) { Sleep(50); }", new { timeoutSeconds = 1 });
        var job = await node.WaitAsync(await node.SubmitAsync(scriptId));

        Assert.Equal("timed_out", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Secrets_reach_scripts_but_never_an_answer()
    {
        using var client = node.AdminClient();
        var put = await client.PutAsJsonAsync("/v1/secrets/orch-api-token", new { value = "s3cr3t-value" });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var scriptId = await node.CreateScriptAsync("""Log("length " + GetSecret("orch-api-token").length + ", missing=[" + GetSecret("nope") + "]");""");
        var jobId = await node.SubmitAsync(scriptId);
        await node.WaitAsync(jobId);

        Assert.Equal(["length 12, missing=[]"], await node.LogMessagesAsync(jobId));
        var list = await client.GetStringAsync("/v1/secrets");
        Assert.Contains("orch-api-token", list);
        Assert.DoesNotContain("s3cr3t-value", list);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_same_job_and_another_body_is_refused()
    {
        var scriptId = await node.CreateScriptAsync("Log('x');");
        using var client = node.AdminClient();
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await Post(new { scriptId, @params = new { a = 1 } });
        var again = await Post(new { scriptId, @params = new { a = 1 } });
        var different = await Post(new { scriptId, @params = new { a = 2 } });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Contains("Idempotency-Key", await different.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_job_records_the_script_version_it_ran()
    {
        var scriptId = await node.CreateScriptAsync("Log('v1');");
        using var client = node.AdminClient();
        var update = await client.PutAsJsonAsync($"/v1/scripts/{scriptId}", new { code = "Log('v2');" });
        Assert.Equal(2, (await update.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var jobId = await node.SubmitAsync(scriptId);
        var job = await node.WaitAsync(jobId);

        Assert.Equal(2, job.GetProperty("scriptVersion").GetInt32());
        Assert.Equal(["v2"], await node.LogMessagesAsync(jobId));
    }

    [Fact]
    public async Task FilePath_jobs_are_refused_until_an_admin_enables_them()
    {
        var file = Path.Combine(node.DataDir, "from-disk.syncjs");
        await File.WriteAllTextAsync(file, "Log('from disk');");
        using var client = node.AdminClient();

        var refused = await client.PostAsJsonAsync("/v1/jobs", new { filePath = file });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("filePath", await refused.Content.ReadAsStringAsync());

        await client.PutAsJsonAsync("/v1/settings", new { allowFilePathJobs = true });
        try
        {
            var accepted = await client.PostAsJsonAsync("/v1/jobs", new { filePath = file });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
            // The job runs the text read at submission (on any node of a cluster), not the file as it is later.
            File.Delete(file);
            Assert.Equal("succeeded", (await node.WaitAsync(jobId)).GetProperty("status").GetString());
            Assert.Equal(["from disk"], await node.LogMessagesAsync(jobId));
        }
        finally
        {
            await client.PutAsJsonAsync("/v1/settings", new { allowFilePathJobs = false });
        }
    }
}
