using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aft.Api.Tests.Seeds;

/// <summary>
/// The integration page's claim/transfer/report script, stored unchanged and triggered with the page's own
/// request body, running as a job against a real orchestration API and two disk VFSs from the VFS Library.
/// </summary>
[Collection(AftNodeCollection.Name)]
public sealed class WorkflowApiJobTests(AftNodeFixture node) : IAsyncLifetime
{
    private const string Token = "orchestrator-token-7f3a";
    private readonly OrchestrationServer _orchestrator = new(Token);
    private readonly string _source = Directory.CreateTempSubdirectory("aft-seed-src-").FullName;
    private readonly string _destination = Directory.CreateTempSubdirectory("aft-seed-dst-").FullName;
    private string _scriptId = string.Empty;

    public async Task InitializeAsync()
    {
        await _orchestrator.StartAsync();
        using var admin = node.AdminClient();
        await admin.PutAsJsonAsync("/v1/secrets/orch-api-url", new { value = _orchestrator.BaseUrl });
        await admin.PutAsJsonAsync("/v1/secrets/orch-api-token", new { value = Token });
        await admin.PutAsJsonAsync("/v1/vfs/seed-inbox", new { type = "disk", target = _source });
        await admin.PutAsJsonAsync("/v1/vfs/seed-archive", new { type = "disk", target = _destination });
        var code = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Seeds", "000_workflow_api.syncjs"));
        _scriptId = await node.CreateScriptAsync(code, name: "workflow-" + Guid.NewGuid().ToString("N")[..6]);
    }

    [Fact]
    public async Task The_job_claims_copies_the_file_and_reports_completed()
    {
        Directory.CreateDirectory(Path.Combine(_source, "outbound"));
        Directory.CreateDirectory(Path.Combine(_destination, "in"));
        await File.WriteAllTextAsync(Path.Combine(_source, "outbound", "batch-1.csv"), "id,amount\n1,10\n");
        _orchestrator.Claims["abc-123"] = new { sourceVfs = "seed-inbox", sourcePath = "/outbound/batch-1.csv", destVfs = "SEED-ARCHIVE", destDir = "/in" };

        var job = await RunSeedRequestAsync("abc-123");

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("exitCode").GetInt32());
        Assert.Equal("id,amount\n1,10\n", await File.ReadAllTextAsync(Path.Combine(_destination, "in", "batch-1.csv")));
        var report = JsonDocument.Parse(_orchestrator.Reports["abc-123"]).RootElement;
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal("abc-123", report.GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task A_missing_source_fails_the_job_with_exit_code_1_and_still_reports()
    {
        _orchestrator.Claims["abc-404"] = new { sourceVfs = "seed-inbox", sourcePath = "/outbound/missing.csv", destVfs = "seed-archive", destDir = "/" };

        var job = await RunSeedRequestAsync("abc-404");

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("exitCode").GetInt32());
        Assert.Equal("failed", JsonDocument.Parse(_orchestrator.Reports["abc-404"]).RootElement.GetProperty("status").GetString());
        Assert.Contains(await node.LogMessagesAsync(job.GetProperty("jobId").GetString()!), line => line.StartsWith("transfer failed:", StringComparison.Ordinal));
    }

    /// <summary>POSTs the page's curl body with this test's script and job id, and waits for the job to end.</summary>
    private async Task<JsonElement> RunSeedRequestAsync(string jobId)
    {
        using var client = node.AdminClient();
        var body = "{\"scriptId\":\"" + _scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"" + jobId + "\"}]}";
        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        return await node.WaitAsync(id);
    }

    public async Task DisposeAsync()
    {
        await _orchestrator.DisposeAsync();
        Directory.Delete(_source, recursive: true);
        Directory.Delete(_destination, recursive: true);
    }
}
