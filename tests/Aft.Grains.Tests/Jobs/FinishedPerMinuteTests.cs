using Aft.Testing;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;
using Aft.Grains.Tests.Storage;

namespace Aft.Grains.Tests.Jobs;

/// <summary>The dashboard's throughput query on each store: jobs that ended, per minute and final status, from a point in time on.</summary>
public abstract class FinishedPerMinuteTests : IAsyncLifetime
{
    private int _sequence;

    protected abstract AppDatabase Database { get; }

    /// <summary>Each test starts on an empty table (the PostgreSQL database is shared by the class).</summary>
    public virtual Task InitializeAsync() => Database.Writer.ExecuteAsync(session => session.Execute("DELETE FROM jobs"));

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Jobs_that_ended_are_counted_in_their_minute_by_status_and_older_or_unfinished_ones_are_not()
    {
        var since = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await InsertAsync(JobStatus.Succeeded, since.AddSeconds(-1));
        await InsertAsync(JobStatus.Succeeded, since);
        await InsertAsync(JobStatus.Succeeded, since.AddSeconds(59.999));
        await InsertAsync(JobStatus.Failed, since.AddSeconds(30));
        await InsertAsync(JobStatus.Succeeded, since.AddMinutes(5).AddSeconds(1));
        await InsertAsync(JobStatus.TimedOut, since.AddMinutes(59).AddSeconds(59));
        await InsertAsync(JobStatus.Running, finishedAt: null);

        var counts = await new JobStore(Database).CountFinishedPerMinuteAsync(since);

        Assert.Equal(
            [
                new FinishedJobsInMinute(since, JobStatus.Failed, 1),
                new FinishedJobsInMinute(since, JobStatus.Succeeded, 2),
                new FinishedJobsInMinute(since.AddMinutes(5), JobStatus.Succeeded, 1),
                new FinishedJobsInMinute(since.AddMinutes(59), JobStatus.TimedOut, 1),
            ],
            counts.OrderBy(count => count.Minute).ThenBy(count => count.Status.ToName(), StringComparer.Ordinal));
    }

    private Task InsertAsync(JobStatus status, DateTimeOffset? finishedAt) =>
        new JobStore(Database).InsertAsync(new JobRecord
        {
            JobId = $"{DateTime.UtcNow.Ticks:x16}{Interlocked.Increment(ref _sequence):x8}", Code = "Log('x');", Status = status,
            CreatedAt = finishedAt ?? DateTimeOffset.UtcNow, FinishedAt = finishedAt, Revision = 1,
        });
}

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SqliteFinishedPerMinuteTests : FinishedPerMinuteTests
{
    private readonly TempDataDirectory _data = new();

    protected override AppDatabase Database => _data.Database;

    public override async Task DisposeAsync() => await _data.DisposeAsync();
}

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresFinishedPerMinuteTests(PostgresStoreFixture store) : FinishedPerMinuteTests, IClassFixture<PostgresStoreFixture>
{
    protected override AppDatabase Database => store.Database;
}
