using Aft.Grains.Jobs;

namespace Aft.Ui.Jobs;

/// <summary>
/// The jobs that ended in each of the last <see cref="Minutes"/> minutes, by final status: the dashboard's chart and
/// its figures. The window ends with the current (partial) minute.
/// </summary>
public sealed class Throughput
{
    public const int Minutes = 60;

    /// <summary>The final statuses, in the order the chart stacks them from the bottom.</summary>
    public static readonly JobStatus[] Statuses = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.TimedOut, JobStatus.Cancelled];

    private Throughput(DateTimeOffset since, long[,] counts)
    {
        Since = since;
        Counts = counts;
    }

    /// <summary>The start of the first minute of the window.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>Jobs per minute (first index) and status (second index, as in <see cref="Statuses"/>).</summary>
    private long[,] Counts { get; }

    /// <summary>The window's first minute for a window that ends with the minute <paramref name="now"/> is in.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero).AddMinutes(1 - Minutes);
    }

    /// <summary>Lays the store's counts (minutes without jobs left out) over the whole window.</summary>
    public static Throughput From(DateTimeOffset since, IEnumerable<FinishedJobsInMinute> finished)
    {
        var counts = new long[Minutes, Statuses.Length];
        foreach (var count in finished)
        {
            var minute = (int)(count.Minute - since).TotalMinutes;
            var status = Array.IndexOf(Statuses, count.Status);
            if (minute is >= 0 and < Minutes && status >= 0)
            {
                counts[minute, status] += count.Count;
            }
        }

        return new Throughput(since, counts);
    }

    public long Count(int minute, JobStatus status) => Counts[minute, Array.IndexOf(Statuses, status)];

    public long Total(int minute) => Enumerable.Range(0, Statuses.Length).Sum(status => Counts[minute, status]);

    public long Total(JobStatus status) => Enumerable.Range(0, Minutes).Sum(minute => Count(minute, status));

    public long Total() => Enumerable.Range(0, Minutes).Sum(Total);

    /// <summary>The busiest minute (the earliest of equals), or null when no job ended in the window.</summary>
    public int? Peak()
    {
        var peak = Enumerable.Range(0, Minutes).MaxBy(Total);
        return Total(peak) == 0 ? null : peak;
    }

    /// <summary>The top of the chart's scale: the peak rounded up to 1, 2 or 5 times a power of ten (at least 1).</summary>
    public long ScaleMax()
    {
        var peak = Peak() is { } minute ? Total(minute) : 0;
        for (long power = 1; ; power *= 10)
        {
            foreach (var step in (long[])[1, 2, 5])
            {
                if (step * power >= peak)
                {
                    return step * power;
                }
            }
        }
    }
}
