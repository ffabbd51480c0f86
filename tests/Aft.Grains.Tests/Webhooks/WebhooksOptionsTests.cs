using Aft.Grains.Webhooks;

namespace Aft.Grains.Tests.Webhooks;

public sealed class WebhooksOptionsTests
{
    [Fact]
    public void The_default_retries_wait_5s_30s_3min_18min_then_longer_up_to_3h_each_within_20_percent()
    {
        var options = new WebhooksOptions();
        TimeSpan[] expected = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(18),
            TimeSpan.FromMinutes(108), TimeSpan.FromHours(3), TimeSpan.FromHours(3)];

        for (var failed = 1; failed <= expected.Length; failed++)
        {
            var delay = options.RetryDelayAfter(failed, Random.Shared);
            Assert.InRange(delay, expected[failed - 1] * 0.8, expected[failed - 1] * 1.2);
        }
    }

    [Fact]
    public void A_day_of_retries_is_about_fourteen_attempts()
    {
        var options = new WebhooksOptions();
        var elapsed = TimeSpan.Zero;
        var attempts = 1;
        while (elapsed < options.RetryHorizon)
        {
            elapsed += options.RetryDelayAfter(attempts, new Random(attempts));
            attempts++;
        }

        Assert.InRange(attempts, 13, 15);
    }
}
