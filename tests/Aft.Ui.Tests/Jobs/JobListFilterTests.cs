using Aft.Ui.Jobs;

namespace Aft.Ui.Tests.Jobs;

public sealed class JobListFilterTests
{
    [Theory]
    [InlineData("2025-03-01T12:30", "2025-03-01T12:30:00+00:00")]
    [InlineData("2025-03-01T12:30:15", "2025-03-01T12:30:15+00:00")]
    [InlineData(" 2025-03-01T12:30 ", "2025-03-01T12:30:00+00:00")]
    public void Browser_date_times_are_read_as_utc(string value, string expected)
    {
        Assert.True(JobListFilter.TryParse(value, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time!.Value.Offset);
    }

    [Fact]
    public void Empty_means_no_limit_and_anything_else_is_refused()
    {
        Assert.True(JobListFilter.TryParse("", out var none));
        Assert.Null(none);
        Assert.False(JobListFilter.TryParse("yesterday", out _));
        Assert.False(JobListFilter.TryParse("2025-13-01T12:30", out _));
    }
}
