namespace Aft.Grains.Schedules;

/// <summary>A row of the <c>schedules</c> table: the definition and where its firing stands.</summary>
public sealed record ScheduleRecord
{
    public string Id { get; init; } = string.Empty;
    public string Name { get; init; } = string.Empty;
    public string ScriptId { get; init; } = string.Empty;
    /// <summary>The parameters every job of the schedule gets, as one JSON object.</summary>
    public string ParamsJson { get; init; } = "{}";
    public string Cron { get; init; } = string.Empty;
    public string TimeZone { get; init; } = "UTC";
    public bool Enabled { get; init; }
    public ScheduleOverlap Overlap { get; init; }
    public ScheduleCatchUp CatchUp { get; init; }
    /// <summary>The first occurrence not handled yet; null while the schedule is paused.</summary>
    public DateTimeOffset? NextDue { get; init; }
    /// <summary>When the schedule last submitted a job.</summary>
    public DateTimeOffset? LastRunAt { get; init; }
    public string? LastJobId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Counts the row's writes (edits and firings); each write is fenced on the revision it read.</summary>
    public int Revision { get; init; }

    public ScheduleDraft ToDraft() => new(Name, ScriptId, ParamsJson, Cron, TimeZone, Enabled, Overlap, CatchUp);
}
