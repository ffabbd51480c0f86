using Aft.Testing;
using Aft.Grains.Jobs;

namespace Aft.Grains.Tests.Storage;

/// <summary>The jobs table's writes on PostgreSQL, where the writer's statements are prepared once and reused.</summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresJobStoreTests(PostgresStoreFixture store) : IClassFixture<PostgresStoreFixture>
{
    /// <remarks>
    /// Npgsql prepares a statement once it has run a few times with the same parameter types. Jobs starting store no
    /// exit code: bound as an untyped NULL, PostgreSQL typed that parameter bigint when the update was prepared, and the
    /// first job to end then sent a 4-byte exit code into it ("insufficient data left in message"), which broke the
    /// writer's connection and failed the writes of its whole batch.
    /// </remarks>
    [Fact]
    public async Task An_exit_code_is_stored_after_many_updates_without_one()
    {
        var jobs = new JobStore(store.Database);
        var job = new JobRecord { JobId = Guid.CreateVersion7().ToString("N"), Code = "Log('x');", CreatedAt = DateTimeOffset.UtcNow, Revision = 1 };
        await jobs.InsertAsync(job);

        for (var revision = 2; revision <= 10; revision++)
        {
            job = job with { Revision = revision, Status = JobStatus.Running, Attempts = revision - 1 };
            Assert.True(await jobs.UpdateAsync(job), $"revision {revision} was not written");
        }

        job = job with { Revision = 11, Status = JobStatus.Failed, ExitCode = 3, FinishedAt = DateTimeOffset.UtcNow };
        Assert.True(await jobs.UpdateAsync(job));

        var stored = await jobs.GetAsync(job.JobId);
        Assert.Equal((11, JobStatus.Failed, (int?)3), (stored!.Revision, stored.Status, stored.ExitCode));
    }
}
