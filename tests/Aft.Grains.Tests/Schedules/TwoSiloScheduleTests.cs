using Aft.Grains.Schedules;
using Aft.Testing;

namespace Aft.Grains.Tests.Schedules;

/// <summary>Two silos on one PostgreSQL store, both dispatchers woken by every move of the shared test clock.</summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class TwoSiloScheduleTests
{
    [Fact]
    public async Task Each_occurrence_fires_exactly_once_with_two_silos_on_PostgreSQL()
    {
        await using var cluster = await ScheduleCluster.StartAsync(silos: 2, onPostgres: true);
        cluster.AdvanceToNextPeriod(TimeSpan.FromSeconds(1));
        var schedule = await cluster.CreateAsync("Log('tick')", "*/10 * * * * *", ScheduleOverlap.Allow, ScheduleCatchUp.All);

        for (var occurrence = 1; occurrence <= 4; occurrence++)
        {
            cluster.AdvanceToNextPeriod();
            await cluster.WaitForJobsAsync(schedule.Id, occurrence);
        }

        // A downtime over three occurrences, caught up by both silos at once; then both silos' grains asked again.
        cluster.Advance(ScheduleCluster.Period * 3);
        await cluster.WaitForJobsAsync(schedule.Id, 7);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            cluster.Service<IGrainFactory>(i % 2).GetGrain<IScheduleGrain>(schedule.Id).FireDueAsync()));
        var jobs = await cluster.WaitForJobsAsync(schedule.Id, 7);

        Assert.Equal(7, jobs.Count);
        Assert.Equal(7, jobs.Select(job => job.IdempotencyKey).Distinct().Count());
    }
}
