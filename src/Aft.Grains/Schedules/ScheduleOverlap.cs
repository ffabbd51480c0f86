namespace Aft.Grains.Schedules;

/// <summary>What an occurrence does while the schedule's last job has not ended.</summary>
public enum ScheduleOverlap
{
    /// <summary>Nothing: the occurrence is skipped.</summary>
    Skip,

    /// <summary>It waits, and runs once the last job ends; further occurrences meanwhile join it (one run waits at most).</summary>
    Queue,

    /// <summary>It submits its job anyway; the runs overlap (as far as the script's maxConcurrency lets them).</summary>
    Allow,
}
