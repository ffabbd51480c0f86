using Aft.Grains.Audit;
using Aft.Grains.Jobs;
using Aft.Grains.Schedules;

namespace Aft.Grains.Tests.Schedules;

/// <summary>Schedules fire on a test clock: a jump of the clock past several occurrences is a downtime.</summary>
public sealed class ScheduleFiringTests(ScheduleClusterFixture fixture) : IClassFixture<ScheduleClusterFixture>, IAsyncLifetime
{
    private const string EveryTenSeconds = "*/10 * * * * *";
    private const string Quick = "Log('tick')";
    private const string Long = "Sleep(60000)";

    private ScheduleCluster Cluster => fixture.Cluster;

    private readonly List<string> _schedules = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever a test leaves scheduled must not fire into the next one.
        foreach (var id in _schedules)
        {
            await Cluster.Service<ScheduleStore>().DeleteAsync(id);
        }
    }

    private async Task<ScheduleRecord> CreateAsync(string code, ScheduleOverlap overlap = ScheduleOverlap.Skip, ScheduleCatchUp catchUp = ScheduleCatchUp.None)
    {
        Cluster.AdvanceToNextPeriod(TimeSpan.FromSeconds(1));
        var schedule = await Cluster.CreateAsync(code, EveryTenSeconds, overlap, catchUp);
        _schedules.Add(schedule.Id);
        return schedule;
    }

    [Fact]
    public async Task A_schedule_fires_at_its_occurrence_not_before_with_the_job_marked_as_its_own()
    {
        var schedule = await CreateAsync(Quick);

        Cluster.AdvanceToNextPeriod(TimeSpan.FromSeconds(-1));
        var early = await Cluster.WaitForJobsAsync(schedule.Id, 0);
        Cluster.Advance(TimeSpan.FromSeconds(1));
        var onTime = await Cluster.WaitForJobsAsync(schedule.Id, 1);
        var stored = await Cluster.Service<ScheduleStore>().GetAsync(schedule.Id);

        Assert.Empty(early);
        var job = Assert.Single(onTime);
        Assert.Equal(JobSource.Schedule, job.Source);
        Assert.Equal(schedule.Id, job.ScheduleId);
        Assert.Equal(schedule.ScriptId, job.ScriptId);
        Assert.Equal(job.JobId, stored!.LastJobId);
        Assert.Equal(Cluster.Clock.GetUtcNow(), stored.LastRunAt);
        Assert.Equal(Cluster.Clock.GetUtcNow() + ScheduleCluster.Period, stored.NextDue);
        var submitted = Assert.Single(await Cluster.Service<AuditTrail>().ListAsync(new AuditQuery(TargetKind: "job", TargetId: job.JobId)));
        Assert.Equal("job.submitted", submitted.Action);
        Assert.Equal(AuditActor.Schedule(schedule.Id, schedule.Name), submitted.Actor);
    }

    [Fact]
    public async Task Skip_submits_nothing_while_the_last_job_runs()
    {
        var schedule = await CreateAsync(Long, ScheduleOverlap.Skip);

        Cluster.AdvanceToNextPeriod();
        var first = Assert.Single(await Cluster.WaitForJobsAsync(schedule.Id, 1));
        await Cluster.WaitForStatusAsync(first.JobId, status => status == JobStatus.Running);
        Cluster.AdvanceToNextPeriod();
        var whileRunning = await Cluster.WaitForJobsAsync(schedule.Id, 1);
        await CancelAsync(first.JobId);
        Cluster.AdvanceToNextPeriod();
        var after = await Cluster.WaitForJobsAsync(schedule.Id, 2);
        await CancelAsync(after[^1].JobId);

        Assert.Single(whileRunning);
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task Queue_holds_one_run_for_the_occurrences_while_the_last_job_runs_and_submits_it_when_that_job_ends()
    {
        var schedule = await CreateAsync(Long, ScheduleOverlap.Queue);

        Cluster.AdvanceToNextPeriod();
        var first = Assert.Single(await Cluster.WaitForJobsAsync(schedule.Id, 1));
        await Cluster.WaitForStatusAsync(first.JobId, status => status == JobStatus.Running);
        Cluster.AdvanceToNextPeriod();
        Cluster.AdvanceToNextPeriod();
        var whileRunning = await Cluster.WaitForJobsAsync(schedule.Id, 1);
        var ended = await CancelAsync(first.JobId);
        Cluster.WakeDispatchers();
        var after = await Cluster.WaitForJobsAsync(schedule.Id, 2);
        await CancelAsync(after[^1].JobId);

        Assert.Single(whileRunning);
        Assert.Equal(2, after.Count);
        Assert.True(after[1].CreatedAt >= ended.FinishedAt);
    }

    [Fact]
    public async Task Allow_submits_while_the_last_job_runs()
    {
        var schedule = await CreateAsync(Long, ScheduleOverlap.Allow);

        Cluster.AdvanceToNextPeriod();
        var first = Assert.Single(await Cluster.WaitForJobsAsync(schedule.Id, 1));
        await Cluster.WaitForStatusAsync(first.JobId, status => status == JobStatus.Running);
        Cluster.AdvanceToNextPeriod();
        var both = await Cluster.WaitForJobsAsync(schedule.Id, 2);
        foreach (var job in both)
        {
            await CancelAsync(job.JobId);
        }

        Assert.Equal(2, both.Count);
    }

    [Theory]
    [InlineData(ScheduleCatchUp.None, 0)]
    [InlineData(ScheduleCatchUp.One, 1)]
    [InlineData(ScheduleCatchUp.All, 5)]
    public async Task After_a_downtime_past_five_occurrences_catch_up_fires_none_one_or_all(ScheduleCatchUp catchUp, int jobs)
    {
        var schedule = await CreateAsync(Quick, catchUp: catchUp);

        // Nothing fires in between: as if the cluster was down from before the first occurrence to 5 s after the fifth.
        Cluster.Advance(ScheduleCluster.Period * 5 - TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(5));
        var caughtUp = await Cluster.WaitForJobsAsync(schedule.Id, jobs);
        var ended = new List<JobRecord>();
        foreach (var job in caughtUp)
        {
            // Ended before the next occurrence, which the default overlap mode (skip) would drop otherwise.
            ended.Add(await Cluster.WaitForStatusAsync(job.JobId, status => status.IsTerminal()));
        }

        Cluster.AdvanceToNextPeriod();
        var onTime = await Cluster.WaitForJobsAsync(schedule.Id, jobs + 1);

        Assert.Equal(jobs, caughtUp.Count);
        Assert.All(ended, job => Assert.Equal(JobStatus.Succeeded, job.Status));
        Assert.Equal(jobs + 1, onTime.Count);
        Assert.Equal(onTime.Count, onTime.Select(job => job.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task A_paused_schedule_does_not_fire_and_a_resumed_one_fires_from_its_next_occurrence()
    {
        var schedule = await CreateAsync(Quick, catchUp: ScheduleCatchUp.All);
        var store = Cluster.Service<ScheduleStore>();

        var paused = await store.UpdateAsync(schedule, schedule.ToDraft() with { Enabled = false });
        Cluster.AdvanceToNextPeriod();
        Cluster.AdvanceToNextPeriod();
        var whilePaused = await Cluster.WaitForJobsAsync(schedule.Id, 0);
        var resumed = await store.UpdateAsync(paused!, paused!.ToDraft() with { Enabled = true });
        Cluster.WakeDispatchers();
        var afterResume = await Cluster.WaitForJobsAsync(schedule.Id, 0);
        Cluster.AdvanceToNextPeriod();
        var next = await Cluster.WaitForJobsAsync(schedule.Id, 1);

        Assert.Null(paused.NextDue);
        Assert.Empty(whilePaused);
        Assert.Equal(Cluster.Clock.GetUtcNow(), resumed!.NextDue);
        Assert.Empty(afterResume);
        Assert.Single(next);
    }

    [Fact]
    public async Task A_firing_repeated_after_a_crash_before_the_due_time_moved_submits_no_second_job()
    {
        var schedule = await CreateAsync(Quick, overlap: ScheduleOverlap.Allow);
        var store = Cluster.Service<ScheduleStore>();
        Cluster.AdvanceToNextPeriod();
        var fired = Assert.Single(await Cluster.WaitForJobsAsync(schedule.Id, 1));

        // As the row looks when the job was submitted and the node died before the due time moved.
        var current = (await store.GetAsync(schedule.Id))!;
        await store.AdvanceAsync(current with { NextDue = schedule.NextDue, LastJobId = schedule.LastJobId, Revision = current.Revision + 1 });
        await Cluster.Cluster.GrainFactory.GetGrain<IScheduleGrain>(schedule.Id).FireDueAsync();
        var jobs = await Cluster.WaitForJobsAsync(schedule.Id, 1);

        Assert.Equal(fired.JobId, Assert.Single(jobs).JobId);
        Assert.Equal(fired.JobId, (await store.GetAsync(schedule.Id))!.LastJobId);
    }

    private async Task<JobRecord> CancelAsync(string jobId)
    {
        await Cluster.Cluster.GrainFactory.GetGrain<IJobGrain>(jobId).CancelAsync();
        return await Cluster.WaitForStatusAsync(jobId, status => status.IsTerminal());
    }
}
