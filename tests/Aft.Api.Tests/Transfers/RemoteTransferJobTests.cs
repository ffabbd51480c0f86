using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aft.Testing;
using Aft.Testing.Servers;

namespace Aft.Api.Tests.Transfers;

/// <summary>Jobs moving files to a real sshd through the whole engine: pooled sessions, connection limits, progress, endpoint health.</summary>
[Collection(AftNodeCollection.Name)]
public sealed class RemoteTransferJobTests(AftNodeFixture node, SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private readonly string _local = Directory.CreateTempSubdirectory("aft-remote-jobs-").FullName;

    public async Task InitializeAsync()
    {
        using var admin = node.AdminClient();
        (await admin.PutAsJsonAsync("/v1/secrets/remote-jobs-sftp-password", new { value = TestUser.Password })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_local, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Stores an SFTP VFS on a new folder of the server and returns its name and that folder.</summary>
    private async Task<(string Name, string Root)> SftpVfsAsync(int maxConnections = 8, string? target = null)
    {
        var name = "sftp-" + Guid.NewGuid().ToString("N")[..8];
        var root = sshd.Server.NewRoot();
        using var admin = node.AdminClient();
        var response = await admin.PutAsJsonAsync($"/v1/vfs/{name}", new
        {
            type = "sftp",
            target = target ?? sshd.Server.Target,
            options = new { user = TestUser.Name, root, hostKeySha256 = sshd.Server.HostKeySha256, maxConnections = maxConnections.ToString() },
            credentials = new { password = "remote-jobs-sftp-password" },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (name, root);
    }

    private async Task<JsonElement> HealthAsync(string vfs)
    {
        using var admin = node.AdminClient();
        return await admin.GetFromJsonAsync<JsonElement>($"/v1/vfs/{vfs}/health");
    }

    [Fact]
    public async Task Sixty_concurrent_jobs_on_one_server_share_at_most_maxConnections_sessions()
    {
        var (vfs, root) = await SftpVfsAsync(maxConnections: 3);
        var script = await node.CreateScriptAsync($$"""
            var r = VirtualFSByName("{{vfs}}").WriteFileAsText("/job-" + Params("n") + ".txt", Params("n"));
            if (!r.Ok()) { Log.Error(r.ErrorMsg()); Exit(1); }
            """);
        var before = sshd.Server.Logins;

        var jobs = await Task.WhenAll(Enumerable.Range(0, 60).Select(n => node.SubmitAsync(script, new { n = n.ToString() })));
        var ended = await Task.WhenAll(jobs.Select(job => node.WaitAsync(job, "60s")));
        var health = await HealthAsync(vfs);

        Assert.All(ended, job => Assert.Equal("succeeded", job.GetProperty("status").GetString()));
        Assert.Equal(60, Directory.GetFiles(root, "job-*.txt").Length);
        Assert.InRange(sshd.Server.Logins - before, 1, 3);
        Assert.Equal(("healthy", 3, 0), (health.GetProperty("state").GetString(), health.GetProperty("maxConnections").GetInt32(), health.GetProperty("consecutiveFailures").GetInt32()));
        Assert.InRange(health.GetProperty("openLeases").GetInt32(), 1, 3);
        Assert.Equal($"sftp://aft-test@127.0.0.1:{sshd.Server.Port}", health.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task A_job_shows_its_progress_while_it_runs_and_keeps_the_final_counts()
    {
        var (vfs, root) = await SftpVfsAsync();
        await File.WriteAllBytesAsync(Path.Combine(_local, "first.bin"), new byte[3 * 1024 * 1024]);
        await File.WriteAllBytesAsync(Path.Combine(_local, "second.bin"), new byte[1024 * 1024]);
        var script = await node.CreateScriptAsync($$"""
            var local = new VirtualFS(VfsTypeDisk, {{JsonSerializer.Serialize(_local)}});
            var remote = VirtualFSByName("{{vfs}}");
            if (!local.CopyToVFS("/first.bin", remote, "/in").Ok()) Exit(1);
            Sleep(3000);
            if (!local.CopyToVFS("/second.bin", remote, "/in").Ok()) Exit(1);
            """);

        var job = await node.SubmitAsync(script);
        // While the script sleeps between its two copies, the first one's counts are live on the running job.
        var during = await PollUntilAsync(job, json => json.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
            && progress.GetProperty("filesDone").GetInt32() == 1);
        var ended = await node.WaitAsync(job);

        var live = during.GetProperty("progress");
        Assert.Equal("running", during.GetProperty("status").GetString());
        Assert.Equal((3L * 1024 * 1024, 1, 1), (live.GetProperty("bytesDone").GetInt64(), live.GetProperty("filesDone").GetInt32(), live.GetProperty("filesTotal").GetInt32()));
        var final = ended.GetProperty("progress");
        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        Assert.Equal((4L * 1024 * 1024, 4L * 1024 * 1024, 2, 2), (final.GetProperty("bytesDone").GetInt64(), final.GetProperty("bytesTotal").GetInt64(),
            final.GetProperty("filesDone").GetInt32(), final.GetProperty("filesTotal").GetInt32()));
        Assert.Equal(JsonValueKind.Null, final.GetProperty("currentFile").ValueKind);
        Assert.Equal(1024 * 1024, new FileInfo(Path.Combine(root, "in", "second.bin")).Length);

        using var admin = node.AdminClient();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/v1/jobs?limit=50");
        var row = listed.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("jobId").GetString() == job);
        Assert.Equal(2, row.GetProperty("progress").GetProperty("filesDone").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_and_after_three_failed_connects_fails_fast()
    {
        var (vfs, _) = await SftpVfsAsync(target: $"127.0.0.1:{LoopbackPorts.Free()}");
        var script = await node.CreateScriptAsync($$"""
            var r = VirtualFSByName("{{vfs}}").Stat("/");
            if (!r.Ok()) { Log.Error(r.ErrorMsg()); Exit(1); }
            """);

        var errors = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var ended = await node.WaitAsync(await node.SubmitAsync(script));
            Assert.Equal("failed", ended.GetProperty("status").GetString());
            errors.Add((await node.LogMessagesAsync(ended.GetProperty("jobId").GetString()!)).First());
        }

        var health = await HealthAsync(vfs);
        Assert.All(errors.Take(3), error => Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("is failing: 3 connects in a row failed", errors[3]);
        Assert.Equal("failing", health.GetProperty("state").GetString());
        Assert.Equal(3, health.GetProperty("consecutiveFailures").GetInt32());
        Assert.Contains("refused", health.GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.String, health.GetProperty("retryAt").ValueKind);
    }

    [Fact]
    public async Task Health_of_an_unknown_VFS_is_404_and_of_a_disk_VFS_says_local()
    {
        using var admin = node.AdminClient();
        await admin.PutAsJsonAsync("/v1/vfs/health-local", new { type = "disk", target = _local });

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/vfs/no-such-vfs/health")).StatusCode);
        Assert.Equal("local", (await HealthAsync("health-local")).GetProperty("state").GetString());
    }

    private async Task<JsonElement> PollUntilAsync(string jobId, Func<JsonElement, bool> done)
    {
        using var admin = node.AdminClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await admin.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}");
            if (done(job))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out: " + job);
            await Task.Delay(50);
        }
    }
}
