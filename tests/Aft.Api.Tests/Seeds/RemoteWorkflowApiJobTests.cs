using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aft.Api.Tests.Transfers;
using Aft.Scripting.Vfs;
using Aft.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Api.Tests.Seeds;

/// <summary>
/// The integration page's script, unchanged, moving a file from a real SFTP server to a real S3 server: the
/// orchestrator's claim names VFS Library entries of both types, and the destination is a new dated folder.
/// </summary>
[Collection(AftNodeCollection.Name)]
public sealed class RemoteWorkflowApiJobTests(AftNodeFixture node, SshdFixture sshd, S3rverFixture s3)
    : IClassFixture<SshdFixture>, IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private const string Token = "orchestrator-token-remote";
    private readonly OrchestrationServer _orchestrator = new(Token);
    private string _scriptId = string.Empty;
    private string _sourceRoot = string.Empty;

    public async Task InitializeAsync()
    {
        await _orchestrator.StartAsync();
        _sourceRoot = sshd.Server.NewRoot();
        using var admin = node.AdminClient();
        foreach (var (name, value) in new[]
        {
            ("orch-api-url", _orchestrator.BaseUrl), ("orch-api-token", Token), ("remote-seed-sftp-password", TestUser.Password),
            ("remote-seed-s3-key-id", S3rverServer.AccessKeyId), ("remote-seed-s3-secret", S3rverServer.SecretAccessKey),
        })
        {
            (await admin.PutAsJsonAsync($"/v1/secrets/{name}", new { value })).EnsureSuccessStatusCode();
        }

        (await admin.PutAsJsonAsync("/v1/vfs/partner-sftp", new
        {
            type = "sftp",
            target = sshd.Server.Target,
            options = new { user = TestUser.Name, root = _sourceRoot, hostKeySha256 = sshd.Server.HostKeySha256 },
            credentials = new { password = "remote-seed-sftp-password" },
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/v1/vfs/exchange-s3", new
        {
            type = "s3",
            target = s3.Server.Bucket + "/landing",
            options = new { endpoint = s3.Server.Endpoint },
            credentials = new { accessKeyId = "remote-seed-s3-key-id", secretAccessKey = "remote-seed-s3-secret" },
        })).EnsureSuccessStatusCode();
        var code = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Seeds", "000_workflow_api.syncjs"));
        _scriptId = await node.CreateScriptAsync(code, name: "remote-workflow-" + Guid.NewGuid().ToString("N")[..6]);
    }

    [Fact]
    public async Task The_job_claims_copies_from_SFTP_into_a_new_S3_folder_and_reports_completed()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("id,amount\n7,70\n", 40000)));
        Directory.CreateDirectory(Path.Combine(_sourceRoot, "outbound"));
        await File.WriteAllBytesAsync(Path.Combine(_sourceRoot, "outbound", "batch-7.csv"), payload);
        SshdServer.GiveToUser(_sourceRoot);
        _orchestrator.Claims["sftp-to-s3"] = new { sourceVfs = "partner-sftp", sourcePath = "/outbound/batch-7.csv", destVfs = "exchange-s3", destDir = "/2026/11/25" };

        var job = await RunSeedRequestAsync("sftp-to-s3");

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("completed", JsonDocument.Parse(_orchestrator.Reports["sftp-to-s3"]).RootElement.GetProperty("status").GetString());
        Assert.Equal(payload.Length, job.GetProperty("progress").GetProperty("bytesDone").GetInt64());
        Assert.Equal(payload, await ReadFromS3Async("/2026/11/25/batch-7.csv"));
        Assert.True(File.Exists(Path.Combine(_sourceRoot, "outbound", "batch-7.csv")));
    }

    [Fact]
    public async Task A_missing_source_file_fails_the_job_with_exit_code_1_and_still_reports()
    {
        _orchestrator.Claims["sftp-missing"] = new { sourceVfs = "partner-sftp", sourcePath = "/outbound/none.csv", destVfs = "exchange-s3", destDir = "/2026" };

        var job = await RunSeedRequestAsync("sftp-missing");

        Assert.Equal(("failed", 1), (job.GetProperty("status").GetString(), job.GetProperty("exitCode").GetInt32()));
        Assert.Equal("failed", JsonDocument.Parse(_orchestrator.Reports["sftp-missing"]).RootElement.GetProperty("status").GetString());
        Assert.Contains(await node.LogMessagesAsync(job.GetProperty("jobId").GetString()!),
            line => line == "transfer failed: '/outbound/none.csv': no such file or directory");
    }

    /// <summary>Reads an object back through the node's own S3 backend, with the credentials the library entry names.</summary>
    private async Task<byte[]> ReadFromS3Async(string path)
    {
        var factory = node.App.Services.GetRequiredService<VfsBackendFactory>();
        var definition = new VfsDefinition("check", "s3", s3.Server.Bucket + "/landing", new Dictionary<string, string> { ["endpoint"] = s3.Server.Endpoint },
            new Dictionary<string, string>());
        using var vfs = factory.Create(definition, new Dictionary<string, string>
        {
            ["accessKeyId"] = S3rverServer.AccessKeyId,
            ["secretAccessKey"] = S3rverServer.SecretAccessKey,
        });
        await using var stream = await vfs.OpenReadAsync(path, 0, CancellationToken.None);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<JsonElement> RunSeedRequestAsync(string jobId)
    {
        using var client = node.AdminClient();
        var body = "{\"scriptId\":\"" + _scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"" + jobId + "\"}]}";
        var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await node.WaitAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!);
    }

    public async Task DisposeAsync() => await _orchestrator.DisposeAsync();
}
