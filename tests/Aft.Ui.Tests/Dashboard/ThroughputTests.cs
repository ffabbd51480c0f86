using Aft.Grains.Jobs;
using Aft.Ui.Jobs;

namespace Aft.Ui.Tests.Dashboard;

/// <summary>The dashboard chart's figures, from the store's per-minute counts.</summary>
public sealed class ThroughputTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 30, 42, TimeSpan.Zero);

    [Fact]
    public void The_window_is_the_last_60_whole_minutes_ending_with_the_current_one()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 11, 31, 0, TimeSpan.Zero), Throughput.WindowStart(Now));
        Assert.Equal(Throughput.WindowStart(Now), Throughput.WindowStart(Now.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Counts_are_laid_over_the_window_by_minute_and_status_with_totals_and_the_busiest_minute()
    {
        var since = Throughput.WindowStart(Now);
        var data = Throughput.From(since,
        [
            new(since, JobStatus.Succeeded, 3),
            new(since, JobStatus.Failed, 1),
            new(since.AddMinutes(59), JobStatus.Succeeded, 7),
            new(since.AddMinutes(59), JobStatus.Cancelled, 2),
            // Outside the window or not a final status: left out.
            new(since.AddMinutes(60), JobStatus.Succeeded, 100),
            new(since.AddMinutes(-1), JobStatus.Succeeded, 100),
            new(since.AddMinutes(3), JobStatus.Running, 100),
        ]);

        Assert.Equal((4L, 9L, 0L), (data.Total(0), data.Total(59), data.Total(1)));
        Assert.Equal((10L, 1L, 0L, 2L), (data.Total(JobStatus.Succeeded), data.Total(JobStatus.Failed), data.Total(JobStatus.TimedOut), data.Total(JobStatus.Cancelled)));
        Assert.Equal(13, data.Total());
        Assert.Equal(59, data.Peak());
        Assert.Equal(10, data.ScaleMax());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(6, 10)]
    [InlineData(11, 20)]
    [InlineData(1234, 2000)]
    public void The_scale_ends_at_the_peak_rounded_up_to_1_2_or_5_times_a_power_of_ten(long peak, long scaleMax)
    {
        var since = Throughput.WindowStart(Now);
        var data = Throughput.From(since, peak == 0 ? [] : [new(since.AddMinutes(10), JobStatus.Succeeded, peak)]);

        Assert.Equal(scaleMax, data.ScaleMax());
        Assert.Equal(peak == 0 ? null : 10, data.Peak());
    }
}
