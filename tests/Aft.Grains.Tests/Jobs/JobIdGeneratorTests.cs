using System.Globalization;
using Aft.Grains.Jobs;

namespace Aft.Grains.Tests.Jobs;

public sealed class JobIdGeneratorTests
{
    [Fact]
    public void Ids_sort_in_the_order_they_were_made_within_one_millisecond_and_when_the_clock_goes_back()
    {
        var clock = new SettableClock { Now = DateTimeOffset.Parse("2026-12-07T10:00:00Z", CultureInfo.InvariantCulture) };
        var generator = new JobIdGenerator(clock);

        // More than the 4096 a millisecond's counter holds, without the clock moving; then the clock going back.
        var ids = Enumerable.Range(0, 5000).Select(_ => generator.Next()).ToList();
        clock.Now = clock.Now.AddMilliseconds(-5);
        ids.Add(generator.Next());

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Guid.TryParseExact(id, "N", out var guid) && guid.Version == 7 && guid.Variant is >= 8 and <= 0xB, id));
        Assert.StartsWith(clock.Now.AddMilliseconds(5).ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture), ids[0]);
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
