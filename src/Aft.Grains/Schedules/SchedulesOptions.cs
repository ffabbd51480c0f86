namespace Aft.Grains.Schedules;

/// <summary>How this node fires schedules. Bound from <c>Aft:Schedules</c>.</summary>
public sealed class SchedulesOptions
{
    /// <summary>
    /// How often a node looks for due schedules besides waking at the earliest due time it knows: how soon it sees a
    /// schedule created or changed on another node, and a queued occurrence whose last job ended.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How late an occurrence may fire and still count as on time; later ones are missed (see <see cref="ScheduleCatchUp"/>).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>With <see cref="ScheduleCatchUp.All"/>, the most jobs one catch-up submits (for the latest missed occurrences).</summary>
    public int MaxCatchUpRuns { get; set; } = 100;
}
