using System.Globalization;
using Aft.Grains.Audit;
using Aft.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Schedules;

/// <remarks>
/// Exactly once: calls to one schedule's activation run one at a time, and the due time moves by a write fenced on
/// the revision the firing read, so of two firings of one occurrence (two nodes' dispatchers, or an activation that
/// briefly exists twice while the cluster's membership changes) only one moves it. Each job is submitted under an
/// idempotency key made of the schedule's id and the occurrence's time, so a firing that submitted its job and died
/// before moving the due time submits nothing new when it is repeated: the store answers with the job it has.
/// </remarks>
public sealed partial class ScheduleGrain(
    ScheduleStore schedules,
    JobStore jobs,
    JobSubmitter submitter,
    IOptions<SchedulesOptions> options,
    TimeProvider clock,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain
{
    public async Task FireDueAsync()
    {
        var now = clock.GetUtcNow();
        if (await schedules.GetAsync(this.GetPrimaryKeyString()) is not { Enabled: true, NextDue: { } due } schedule || due > now)
        {
            return;
        }

        var cron = CronSchedule.Parse(schedule.Cron, schedule.TimeZone);
        var lastJob = schedule.LastJobId is { } lastJobId ? await jobs.GetAsync(lastJobId) : null;
        if (lastJob is { IsTerminal: false } && schedule.Overlap != ScheduleOverlap.Allow)
        {
            if (schedule.Overlap == ScheduleOverlap.Skip)
            {
                LogSkipped(logger, schedule.Name, lastJob.JobId);
                await AdvanceAsync(schedule, cron, now, []);
            }

            // Queue: the occurrence stays due, and runs when a look after the last job's end finds it.
            return;
        }

        await AdvanceAsync(schedule, cron, now, Occurrences(schedule, cron, due, now, lastJob?.FinishedAt));
    }

    /// <summary>The occurrences from <paramref name="due"/> to <paramref name="now"/> that get a job, oldest first.</summary>
    private List<DateTimeOffset> Occurrences(ScheduleRecord schedule, CronSchedule cron, DateTimeOffset due, DateTimeOffset now, DateTimeOffset? lastJobEnded)
    {
        var fire = new List<DateTimeOffset>();
        var missedFrom = due;
        if (schedule.Overlap == ScheduleOverlap.Queue && lastJobEnded is { } ended && ended > due)
        {
            // Occurrences that came while the last job ran waited for it: one run for them all, now that it ended.
            fire.AddRange(cron.Latest(due, ended < now ? ended : now, 1));
            missedFrom = ended;
        }

        var held = fire.Count > 0 ? fire[^1] : DateTimeOffset.MinValue;
        var latest = cron.Latest(missedFrom, now, schedule.CatchUp == ScheduleCatchUp.All ? options.Value.MaxCatchUpRuns : 1)
            .Where(occurrence => occurrence > held)
            .ToList();
        fire.AddRange(schedule.CatchUp switch
        {
            ScheduleCatchUp.None => latest.Where(occurrence => now - occurrence <= options.Value.MisfireThreshold),
            _ => latest,
        });
        return fire;
    }

    private async Task AdvanceAsync(ScheduleRecord schedule, CronSchedule cron, DateTimeOffset now, List<DateTimeOffset> occurrences)
    {
        var lastJobId = schedule.LastJobId;
        var lastRunAt = schedule.LastRunAt;
        foreach (var occurrence in occurrences)
        {
            try
            {
                var (job, _) = await submitter.SubmitAsync(new JobSubmission(
                    schedule.ScriptId, null, null, schedule.ParamsJson, JobSource.Schedule, SubmittedBy: null,
                    IdempotencyKey: $"schedule:{schedule.Id}:{occurrence.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}",
                    ScheduleId: schedule.Id, Actor: AuditActor.Schedule(schedule.Id, schedule.Name)));
                lastJobId = job.JobId;
                lastRunAt = now;
            }
            catch (JobSubmissionException ex)
            {
                // The script was deleted since: the occurrence cannot run, and trying again would not change that.
                LogSubmitRefused(logger, schedule.Name, ex.Message);
            }
        }

        var submitted = occurrences.Count switch { 0 => "no job", 1 => "1 job", var count => $"{count} jobs" };
        var advanced = schedule with
        {
            NextDue = cron.NextAfter(now),
            LastRunAt = lastRunAt,
            LastJobId = lastJobId,
            Revision = schedule.Revision + 1,
        };
        if (!await schedules.AdvanceAsync(advanced))
        {
            // Edited or deleted meanwhile: the edit set the due time; what was submitted stays submitted.
            LogEditedWhileFiring(logger, schedule.Name);
            return;
        }

        LogFired(logger, schedule.Name, submitted, advanced.NextDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} fired: {Jobs}; next at {NextDue}")]
    private static partial void LogFired(ILogger logger, string schedule, string jobs, DateTimeOffset? nextDue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} skipped an occurrence: its last job {JobId} has not ended")]
    private static partial void LogSkipped(ILogger logger, string schedule, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule} could not submit its job: {Reason}")]
    private static partial void LogSubmitRefused(ILogger logger, string schedule, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} was changed while it fired; the change stands")]
    private static partial void LogEditedWhileFiring(ILogger logger, string schedule);
}
