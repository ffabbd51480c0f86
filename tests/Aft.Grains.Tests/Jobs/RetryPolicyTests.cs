using Aft.Grains.Jobs;

namespace Aft.Grains.Tests.Jobs;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 10_000)]
    public void The_backoff_grows_exponentially_up_to_the_cap_with_up_to_half_of_it_random(int attempt, double fullMs)
    {
        var policy = new RetryPolicy(20, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10));
        var random = new Random(1);

        var delays = Enumerable.Range(0, 200).Select(_ => policy.BackoffAfter(attempt, random).TotalMilliseconds).ToArray();

        Assert.All(delays, delay => Assert.InRange(delay, fullMs / 2, fullMs));
        Assert.True(delays.Distinct().Count() > 100, "the delays are jittered");
    }
}
