namespace Aft.Grains.Schedules;

/// <summary>
/// One schedule, keyed by its id. Its single activation in the cluster is what fires the schedule: every node's
/// <see cref="ScheduleDispatcher"/> asks it when the schedule is due, and it alone submits the jobs and moves the due time.
/// </summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Submits the jobs of the occurrences due now (per the overlap and catch-up modes) and moves the due time past them.</summary>
    Task FireDueAsync();
}
