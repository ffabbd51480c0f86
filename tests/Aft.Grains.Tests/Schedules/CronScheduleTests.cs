using Aft.Grains.Schedules;

namespace Aft.Grains.Tests.Schedules;

public sealed class CronScheduleTests
{
    private static CronSchedule Parse(string cron, string zone = "UTC") => CronSchedule.Parse(cron, zone);

    [Fact]
    public void Five_fields_are_minutes_and_six_fields_start_with_seconds()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(from.AddMinutes(15), Parse("*/15 * * * *").NextAfter(from));
        Assert.Equal(from.AddSeconds(15), Parse("*/15 * * * * *").NextAfter(from));
        Assert.Equal(from.AddDays(1), Parse("@daily").NextAfter(from));
    }

    [Theory]
    [InlineData("* * * *", "UTC", "cron")]
    [InlineData("* * * * * * *", "UTC", "cron")]
    [InlineData("0 0 31 2 *", "UTC", "cron")]
    [InlineData("* * * * *", "Atlantis/Capital", "timeZone")]
    public void A_bad_expression_or_zone_is_named(string cron, string zone, string field)
    {
        var problem = CronSchedule.TryParse(cron, zone, out var schedule);

        Assert.Null(schedule);
        Assert.Equal(field, problem!.Value.Field);
    }

    [Fact]
    public void An_occurrence_in_the_hour_skipped_by_daylight_saving_fires_when_the_clocks_have_gone_forward()
    {
        // Europe/Berlin went from 02:00 +01:00 to 03:00 +02:00 on 29 March 2026: there was no 02:30.
        var schedule = Parse("30 2 * * *", "Europe/Berlin");

        var next = schedule.NextAfter(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 2, 30, 0, TimeSpan.FromHours(2)), schedule.NextAfter(next));
    }

    [Fact]
    public void In_the_hour_repeated_by_daylight_saving_a_fixed_time_fires_once_and_an_interval_fires_in_both()
    {
        // Europe/Berlin went from 03:00 +02:00 back to 02:00 +01:00 on 25 October 2026: 02:30 happened twice.
        var from = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 10, 25, 3, 0, 0, TimeSpan.Zero);

        var fixedTime = Parse("30 2 * * *", "Europe/Berlin").Latest(from, to, 10);
        var interval = Parse("*/30 2 * * *", "Europe/Berlin").Latest(from, to, 10);

        Assert.Equal([new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2))], fixedTime);
        Assert.Equal(4, interval.Count);
    }

    [Fact]
    public void Latest_gives_the_most_recent_occurrences_oldest_first_even_after_a_long_gap()
    {
        var to = new DateTimeOffset(2026, 6, 1, 12, 0, 30, TimeSpan.Zero);

        var latest = Parse("* * * * * *").Latest(to.AddDays(-30), to, 3);
        var none = Parse("0 0 1 1 *").Latest(to.AddDays(-30), to, 3);

        Assert.Equal([to.AddSeconds(-2), to.AddSeconds(-1), to], latest);
        Assert.Empty(none);
    }

    [Fact]
    public void Upcoming_lists_the_next_occurrences()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal([from.AddHours(1), from.AddHours(2), from.AddHours(3)], Parse("0 * * * *").Upcoming(from, 3));
    }
}
