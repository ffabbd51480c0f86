using Cronos;

namespace Aft.Grains.Schedules;

/// <summary>
/// A cron expression in a time zone: 5 fields (minute to day of week), or 6 with seconds first, or a macro such as
/// <c>@daily</c>. Daylight-saving changes behave as Cronos defines them: an occurrence in the hour that is skipped
/// fires at the end of the gap, and one in the hour that repeats fires once (an interval expression such as
/// <c>*/30 * * * *</c> fires in both).
/// </summary>
public sealed class CronSchedule
{
    /// <summary>
    /// Where the check that an expression occurs at all starts. An expression has no year field, so one that occurs
    /// does so within 28 years of any date (29 February on a Monday is the rarest); Cronos reads up to 2099.
    /// </summary>
    private static readonly DateTimeOffset NeverBefore = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Reads <paramref name="cron"/> in the zone named <paramref name="timeZone"/> (an IANA name such as <c>Europe/Berlin</c>).</summary>
    /// <returns>Null when both are good, else the field that is wrong (<c>cron</c> or <c>timeZone</c>) and why.</returns>
    public static (string Field, string Message)? TryParse(string cron, string timeZone, out CronSchedule? schedule)
    {
        schedule = null;
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return ("timeZone", $"'{timeZone}' is not a known time zone; give an IANA name such as 'UTC' or 'Europe/Berlin'");
        }

        var fields = cron.Split(' ', '\t').Count(part => part.Length > 0);
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            return ("cron", $"'{cron}' is not a cron expression (5 fields, or 6 with seconds first): {ex.Message}");
        }

        schedule = new CronSchedule(expression, zone);
        if (schedule.NextAfter(NeverBefore) is null)
        {
            schedule = null;
            return ("cron", $"'{cron}' never occurs");
        }

        return null;
    }

    /// <summary>Reads an expression and zone that were checked when they were stored.</summary>
    public static CronSchedule Parse(string cron, string timeZone) =>
        TryParse(cron, timeZone, out var schedule) is { } problem ? throw new FormatException(problem.Message) : schedule!;

    /// <summary>The first occurrence after <paramref name="after"/>; null if there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone);

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/>, in the schedule's zone's offset.</summary>
    public IReadOnlyList<DateTimeOffset> Upcoming(DateTimeOffset after, int count)
    {
        var upcoming = new List<DateTimeOffset>(count);
        for (var next = NextAfter(after); next is { } at && upcoming.Count < count; next = NextAfter(at))
        {
            upcoming.Add(at);
        }

        return upcoming;
    }

    /// <summary>
    /// The latest <paramref name="max"/> occurrences from <paramref name="from"/> to <paramref name="to"/> (both
    /// included), oldest first. It looks back from <paramref name="to"/> in windows that double, so a long downtime of
    /// an every-second schedule costs a few windows, not every occurrence since.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Latest(DateTimeOffset from, DateTimeOffset to, int max)
    {
        var latest = new Queue<DateTimeOffset>(max + 1);
        for (var window = TimeSpan.FromSeconds(1); ; window *= 2)
        {
            var start = to - window < from ? from : to - window;
            latest.Clear();
            foreach (var occurrence in _expression.GetOccurrences(start, to, Zone, fromInclusive: true, toInclusive: true))
            {
                latest.Enqueue(occurrence);
                if (latest.Count > max)
                {
                    latest.Dequeue();
                }
            }

            if (latest.Count == max || start == from)
            {
                return [.. latest];
            }
        }
    }
}
