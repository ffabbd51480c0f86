using Aft.Grains.Jobs;
using Aft.Ui.Jobs;

namespace Aft.Ui.Tests.Jobs;

public sealed class JobDisplayTests
{
    [Theory]
    [InlineData(0.4, "400 ms")]
    [InlineData(12.44, "12.4 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(7620, "2 h 07 min")]
    public void Durations_read_in_the_unit_that_fits(double seconds, string expected) =>
        Assert.Equal(expected, JobDisplay.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3 GB")]
    public void Sizes_are_in_powers_of_1024(long bytes, string expected) => Assert.Equal(expected, JobDisplay.Bytes(bytes));

    [Fact]
    public void Statuses_read_as_words_and_colour_as_aft_css_names_them()
    {
        Assert.Equal(("timed out", "status-timedout"), (JobDisplay.Label(JobStatus.TimedOut), JobDisplay.StatusClass(JobStatus.TimedOut)));
        Assert.Equal(("running", "status-running"), (JobDisplay.Label(JobStatus.Running), JobDisplay.StatusClass(JobStatus.Running)));
    }

    [Fact]
    public void Params_are_indented_and_keep_their_characters()
    {
        Assert.Equal("{\n  \"who\": \"Zoë <ops>\",\n  \"n\": 2\n}", JobDisplay.PrettyJson("""{"who":"Zoë <ops>","n":2}""").ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_job_runs_from_its_start_to_its_end_or_to_now()
    {
        var started = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var job = new JobRecord { StartedAt = started };

        Assert.Null(JobDisplay.RunTime(new JobRecord(), started));
        Assert.Equal(TimeSpan.FromSeconds(5), JobDisplay.RunTime(job, started.AddSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(2), JobDisplay.RunTime(job with { FinishedAt = started.AddSeconds(2) }, started.AddSeconds(5)));
    }
}
