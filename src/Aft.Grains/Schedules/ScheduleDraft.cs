namespace Aft.Grains.Schedules;

/// <summary>What an administrator sets on a schedule, already checked: the script exists, the cron and zone parse.</summary>
public sealed record ScheduleDraft(
    string Name,
    string ScriptId,
    string ParamsJson,
    string Cron,
    string TimeZone,
    bool Enabled,
    ScheduleOverlap Overlap,
    ScheduleCatchUp CatchUp);
