using System.Text.Json;
using Aft.Grains.Jobs;
using Aft.Grains.Schedules;
using Aft.Grains.Scripts;

namespace Aft.Api.Schedules;

/// <summary>
/// How a schedule is shown. <c>nextRunAt</c> is the occurrence it fires next (null while paused) and
/// <c>nextOccurrences</c> the next five of its expression, in its time zone's offset; <c>scriptName</c> is null when
/// the script was deleted since.
/// </summary>
public sealed record ScheduleResponse(
    string Id,
    string Name,
    string ScriptId,
    string? ScriptName,
    JsonElement Params,
    string Cron,
    string TimeZone,
    bool Enabled,
    string Overlap,
    string CatchUp,
    DateTimeOffset? NextRunAt,
    IReadOnlyList<DateTimeOffset> NextOccurrences,
    DateTimeOffset? LastRunAt,
    string? LastJobId,
    string? LastJobStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int ShownOccurrences = 5;

    public static async Task<ScheduleResponse> FromAsync(ScheduleRecord schedule, ScriptStore scripts, JobStore jobs, DateTimeOffset now)
    {
        var cron = CronSchedule.Parse(schedule.Cron, schedule.TimeZone);
        var lastJob = schedule.LastJobId is { } jobId ? await jobs.GetAsync(jobId) : null;
        using var parameters = JsonDocument.Parse(schedule.ParamsJson);
        return new ScheduleResponse(
            schedule.Id, schedule.Name, schedule.ScriptId, (await scripts.GetAsync(schedule.ScriptId))?.Name, parameters.RootElement.Clone(),
            schedule.Cron, schedule.TimeZone, schedule.Enabled, schedule.Overlap.ToName(), schedule.CatchUp.ToName(),
            schedule.NextDue is { } due ? TimeZoneInfo.ConvertTime(due, cron.Zone) : null,
            cron.Upcoming(now, ShownOccurrences).Select(at => TimeZoneInfo.ConvertTime(at, cron.Zone)).ToList(),
            schedule.LastRunAt, schedule.LastJobId, lastJob?.Status.ToName(), schedule.CreatedAt, schedule.UpdatedAt);
    }
}
