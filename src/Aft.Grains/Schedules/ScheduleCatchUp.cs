namespace Aft.Grains.Schedules;

/// <summary>What happens to occurrences that passed while AFT was down (or the store unreachable).</summary>
public enum ScheduleCatchUp
{
    /// <summary>They are skipped; only an occurrence that is on time (within the misfire threshold) runs.</summary>
    None,

    /// <summary>One job runs for all of them.</summary>
    One,

    /// <summary>One job runs per missed occurrence, for the most recent <see cref="SchedulesOptions.MaxCatchUpRuns"/> of them.</summary>
    All,
}
