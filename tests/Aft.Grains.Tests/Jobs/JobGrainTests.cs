using Aft.Grains.Jobs;
using Aft.Grains.Scripts;
using Aft.Grains.Storage;

namespace Aft.Grains.Tests.Jobs;

[Collection(JobClusterCollection.Name)]
public sealed class JobGrainTests(JobClusterFixture fixture)
{
    private IJobGrain Grain(string id) => fixture.Cluster.GrainFactory.GetGrain<IJobGrain>(id);

    [Fact]
    public async Task A_submitted_job_runs_to_success_and_its_state_is_stored_as_MessagePack_without_type_names()
    {
        var job = await SubmitAsync("Log.Info('x'); Exit(0);");

        var ended = await Grain(job.JobId).WaitForEndAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(JobStatus.Succeeded, ended!.Status);
        Assert.Equal(0, ended.ExitCode);
        Assert.Equal(JobStatus.Succeeded, (await fixture.Service<JobStore>().GetAsync(job.JobId))!.Status);
        var payload = await ReadGrainPayloadAsync(job.JobId);
        var text = System.Text.Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain("JobRecord", text);
        Assert.DoesNotContain("$type", text);
        Assert.Contains(job.JobId, text);
    }

    [Fact]
    public async Task A_job_found_running_after_a_restart_counts_the_attempt_as_interrupted()
    {
        var script = await fixture.Service<ScriptStore>().CreateAsync(new ScriptDraft("interrupted-" + Guid.NewGuid().ToString("N")[..6], "", "Log('again');",
            new RetryPolicy(2, TimeSpan.FromMilliseconds(10), 2, TimeSpan.FromMilliseconds(50)), null, 0));
        var id = Guid.CreateVersion7().ToString("N");
        // As the jobs table looks after a crash during attempt 1: running, with no process running it.
        await fixture.Service<JobStore>().InsertAsync(new JobRecord
        {
            JobId = id, ScriptId = script.Id, ScriptName = script.Name, ScriptVersion = 1, Status = JobStatus.Running,
            Attempts = 1, Retry = script.Retry, CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
        });

        await Grain(id).ResumeAsync();
        var ended = await Grain(id).WaitForEndAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(JobStatus.Succeeded, ended!.Status);
        Assert.Equal(2, ended.Attempts);
        var log = await fixture.Service<JobLogStore>().ReadAsync(id, 0, 100);
        Assert.Contains(log, line => line.Message.StartsWith("interrupted", StringComparison.Ordinal) && line.Attempt == 1);
        Assert.Contains(log, line => line.Message == "again" && line.Attempt == 2);
    }

    [Fact]
    public async Task A_queued_job_cancels_at_once_without_running()
    {
        var blocker = await SubmitAsync("WaitForHaltSignal();");
        await WaitForAsync(blocker.JobId, JobStatus.Running);
        var waiting = await SubmitAsync("Log('must not run');");

        var cancelled = await Grain(waiting.JobId).CancelAsync();
        await Grain(blocker.JobId).CancelAsync();
        var blockerEnd = await Grain(blocker.JobId).WaitForEndAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.Equal(0, cancelled.Attempts);
        Assert.Null(cancelled.ExitCode);
        Assert.Equal(JobStatus.Cancelled, blockerEnd!.Status);
        Assert.Equal(0, blockerEnd.ExitCode);
        Assert.Empty(await fixture.Service<JobLogStore>().ReadAsync(waiting.JobId, 0, 10));
    }

    [Fact]
    public async Task Queued_jobs_wait_without_an_activation_and_still_run_once_each_in_order()
    {
        var blocker = await SubmitAsync("WaitForHaltSignal();");
        await WaitForAsync(blocker.JobId, JobStatus.Running);
        var script = await CreateScriptAsync("Log('ran');");
        var before = await JobActivationsAsync();
        var backlog = new List<JobRecord>();
        for (var i = 0; i < 20; i++)
        {
            backlog.Add(await SubmitAsync(script));
        }

        // The one slot is taken: each submitted job lets its activation go once it is stored.
        var activations = await JobActivationsAsync();
        for (var i = 0; i < 200 && activations > before; i++)
        {
            await Task.Delay(25);
            activations = await JobActivationsAsync();
        }

        await Grain(blocker.JobId).CancelAsync();
        var ended = new List<JobRecord>();
        foreach (var job in backlog)
        {
            ended.Add((await Grain(job.JobId).WaitForEndAsync(TimeSpan.FromSeconds(30)))!);
        }

        Assert.InRange(activations, 0, before);
        Assert.All(ended, job => Assert.Equal((JobStatus.Succeeded, 1), (job.Status, job.Attempts)));
        for (var i = 1; i < ended.Count; i++)
        {
            Assert.True(ended[i - 1].StartedAt <= ended[i].StartedAt, $"job {i} started before job {i - 1}");
        }
    }

    [Fact]
    public async Task Purge_removes_a_finished_job_its_log_and_its_state()
    {
        var job = await SubmitAsync("Log('to be purged');");
        await Grain(job.JobId).WaitForEndAsync(TimeSpan.FromSeconds(20));

        await fixture.Service<JobRetentionService>().PurgeOnceAsync(CancellationToken.None);

        Assert.Null(await fixture.Service<JobStore>().GetAsync(job.JobId));
        Assert.Empty(await fixture.Service<JobLogStore>().ReadAsync(job.JobId, 0, 10));
        Assert.Null(await Grain(job.JobId).GetAsync());
    }

    [Fact]
    public async Task A_purged_job_stays_gone_when_its_grain_is_activated_again()
    {
        var job = await SubmitAsync("Log('x');");
        await Grain(job.JobId).WaitForEndAsync(TimeSpan.FromSeconds(20));
        await Grain(job.JobId).PurgeAsync();

        // Purging deactivates the grain: this call activates it anew, reading the cleared state from storage.
        Assert.Null(await Grain(job.JobId).GetAsync());
    }

    [Fact]
    public async Task An_unknown_job_is_null()
    {
        Assert.Null(await Grain(Guid.CreateVersion7().ToString("N")).GetAsync());
    }

    private async Task<JobRecord> SubmitAsync(string code) => await SubmitAsync(await CreateScriptAsync(code));

    private async Task<JobRecord> SubmitAsync(ScriptDefinition script)
    {
        var (job, created) = await fixture.Service<JobSubmitter>().SubmitAsync(new JobSubmission(script.Id, null, null, "{}", JobSource.Api, null));
        Assert.True(created);
        return job;
    }

    private Task<ScriptDefinition> CreateScriptAsync(string code) =>
        fixture.Service<ScriptStore>().CreateAsync(new ScriptDraft("grain-" + Guid.NewGuid().ToString("N")[..8], "", code, RetryPolicy.None, null, 0));

    private async Task<int> JobActivationsAsync()
    {
        var statistics = await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(grain => grain.GrainType.Contains(nameof(JobGrain), StringComparison.Ordinal)).Sum(grain => grain.ActivationCount);
    }

    private async Task WaitForAsync(string id, JobStatus status)
    {
        for (var i = 0; i < 400; i++)
        {
            if ((await Grain(id).GetAsync())!.Status == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"job {id} never reached {status}");
    }

    private async Task<byte[]> ReadGrainPayloadAsync(string jobId)
    {
        await using var command = fixture.Service<AppDatabase>().GrainState.DataSource.CreateCommand(
            "SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        // String grain keys are stored hashed, so find the row by the id inside its payload.
        while (await reader.ReadAsync())
        {
            var payload = (byte[])reader.GetValue(0);
            if (System.Text.Encoding.UTF8.GetString(payload).Contains(jobId, StringComparison.Ordinal))
            {
                return payload;
            }
        }

        throw new InvalidOperationException($"no stored state holds job {jobId}");
    }
}
