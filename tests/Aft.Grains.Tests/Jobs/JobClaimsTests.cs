using Aft.Testing;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Postgres;
using Aft.Grains.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aft.Grains.Tests.Jobs;

/// <summary>The jobs table as the cluster's queue, on each store: what a node claims, in which order, within which limits.</summary>
public abstract class JobClaimsTests : IAsyncLifetime
{
    private int _sequence;

    protected abstract AppDatabase Database { get; }

    /// <summary>Each test starts on an empty queue (the PostgreSQL database is shared by the class).</summary>
    public virtual Task InitializeAsync() => Database.Writer.ExecuteAsync(session => session.Execute("DELETE FROM jobs"));

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected JobClaims Claims => new(Database);

    private JobStore Jobs => new(Database);

    [Fact]
    public async Task The_oldest_waiting_jobs_are_claimed_first_and_each_only_once()
    {
        var ids = await InsertAsync(5);

        var first = await Claims.ClaimAsync("a", 3, 0, DateTimeOffset.UtcNow);
        var second = await Claims.ClaimAsync("b", 3, 0, DateTimeOffset.UtcNow);
        var third = await Claims.ClaimAsync("c", 3, 0, DateTimeOffset.UtcNow);

        Assert.Equal(ids[..3], first);
        Assert.Equal(ids[3..], second);
        Assert.Empty(third);
        Assert.Equal<string?>(["a", "a", "a", "b", "b"], await OwnersAsync(ids));
    }

    [Fact]
    public async Task A_script_at_its_limit_is_passed_over_for_younger_jobs_and_takes_its_next_when_a_run_ends()
    {
        var limited = await InsertAsync(5, script: "limited", maxConcurrency: 2);
        var unlimited = await InsertAsync(3);

        var claimed = await Claims.ClaimAsync("a", 10, 0, DateTimeOffset.UtcNow);
        Assert.Equal([limited[0], limited[1], .. unlimited], claimed);
        Assert.Empty(await Claims.ClaimAsync("b", 10, 0, DateTimeOffset.UtcNow));

        // Another node's claims count too: the limit is the script's, not a node's.
        await FinishAsync(limited[0]);
        Assert.Equal([limited[2]], await Claims.ClaimAsync("b", 10, 0, DateTimeOffset.UtcNow));
        Assert.Empty(await Claims.ClaimAsync("a", 10, 0, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Jobs_claimed_ahead_of_free_slots_are_only_of_scripts_without_a_limit()
    {
        var older = await InsertAsync(1);
        var limited = await InsertAsync(2, script: "limited", maxConcurrency: 5);
        var unlimited = await InsertAsync(3);

        var claimed = await Claims.ClaimAsync("a", 2, 2, DateTimeOffset.UtcNow);

        // Two for the free slots, oldest first whatever their script; two more ahead, passing over the limited one.
        Assert.Equal([older[0], limited[0], unlimited[0], unlimited[1]], claimed);
        Assert.Equal([limited[1], unlimited[2]], await Claims.ClaimAsync("b", 2, 0, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_job_waiting_to_retry_is_claimed_once_it_is_due()
    {
        var now = DateTimeOffset.UtcNow;
        var retrying = await InsertAsync(1, status: JobStatus.Retrying, nextAttemptAt: now.AddMinutes(1));

        Assert.Empty(await Claims.ClaimAsync("a", 10, 0, now));
        Assert.Equal(retrying, await Claims.ClaimAsync("a", 10, 0, now.AddMinutes(1)));
    }

    [Fact]
    public async Task Released_claims_wait_again_and_a_node_gives_back_only_its_own()
    {
        var ids = await InsertAsync(4);
        Assert.Equal(ids[..2], await Claims.ClaimAsync("a", 2, 0, DateTimeOffset.UtcNow));
        Assert.Equal(ids[2..], await Claims.ClaimAsync("b", 2, 0, DateTimeOffset.UtcNow));

        await Claims.ReleaseAsync(ids[0], "b");
        Assert.Equal<string?>(["a", "a", "b", "b"], await OwnersAsync(ids));
        await Claims.ReleaseAsync(ids[0], "a");
        Assert.Equal(2, await Claims.ReleaseAllAsync("b"));

        Assert.Equal([ids[0], ids[2], ids[3]], await Claims.ClaimAsync("c", 10, 0, DateTimeOffset.UtcNow));
        Assert.Contains(await Claims.ListHeldAsync(), held => held == new HeldJob(ids[1], "a", JobStatus.Queued));
    }

    protected async Task<string[]> InsertAsync(int count, string? script = null, int maxConcurrency = 0, JobStatus status = JobStatus.Queued, DateTimeOffset? nextAttemptAt = null)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Ids in creation order (version 7 UUIDs are ordered only to the millisecond).
            ids[i] = $"{DateTime.UtcNow.Ticks:x16}{Interlocked.Increment(ref _sequence):x8}";
            await Jobs.InsertAsync(new JobRecord
            {
                JobId = ids[i], ScriptId = script, Code = "Log('x');", Status = status,
                MaxConcurrency = maxConcurrency, NextAttemptAt = nextAttemptAt, CreatedAt = DateTimeOffset.UtcNow, Revision = 1,
            });
        }

        return ids;
    }

    protected Task FinishAsync(string jobId) => Database.Writer.ExecuteAsync(session =>
        session.Execute("UPDATE jobs SET status = 'succeeded', owner = NULL, revision = revision + 1 WHERE id = @id", ("@id", jobId)));

    private async Task<IEnumerable<string?>> OwnersAsync(IEnumerable<string> ids) =>
        await Task.WhenAll(ids.Select(async id => (await Jobs.GetAsync(id))!.Owner));
}

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SqliteJobClaimsTests : JobClaimsTests
{
    private readonly TempDataDirectory _data = new();

    protected override AppDatabase Database => _data.Database;

    public override async Task DisposeAsync() => await _data.DisposeAsync();
}

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresJobClaimsTests(PostgresStoreFixture store) : JobClaimsTests, IClassFixture<PostgresStoreFixture>
{
    protected override AppDatabase Database => store.Database;

    /// <summary>
    /// Nodes claim through their own connections at the same time (as silos do): however their claims interleave, a
    /// script limited to 3 never has more than 3 jobs held, and every job is claimed exactly once.
    /// </summary>
    [Fact]
    public async Task Nodes_claiming_at_once_never_exceed_a_scripts_limit_between_them()
    {
        const int limit = 3;
        var ids = await InsertAsync(100, script: "race", maxConcurrency: limit);
        var nodes = new List<AppDatabase>();
        for (var i = 0; i < 6; i++)
        {
            nodes.Add(new PostgresAppDatabase(store.ConnectionString, NullLoggerFactory.Instance));
        }

        var held = 0;
        var mostHeld = 0;
        var claimedTimes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        try
        {
            await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
            {
                var claims = new JobClaims(node);
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (claimedTimes.Count < ids.Length && DateTime.UtcNow < deadline)
                {
                    foreach (var id in await claims.ClaimAsync($"node-{n}", 1, 0, DateTimeOffset.UtcNow))
                    {
                        claimedTimes.AddOrUpdate(id, 1, (_, times) => times + 1);
                        var now = Interlocked.Increment(ref held);
                        InterlockedMax(ref mostHeld, now);
                        await Task.Delay(Random.Shared.Next(0, 2));
                        // Counted as held until before the row says so no longer: the count here never lags behind the store's.
                        Interlocked.Decrement(ref held);
                        await node.Writer.ExecuteAsync(session => session.Execute(
                            "UPDATE jobs SET status = 'succeeded', owner = NULL WHERE id = @id", ("@id", id)));
                    }
                }
            })));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }

        Assert.InRange(mostHeld, 1, limit);
        Assert.Equal(ids.Order(StringComparer.Ordinal), claimedTimes.Keys.Order(StringComparer.Ordinal));
        Assert.All(claimedTimes.Values, times => Assert.Equal(1, times));
    }

    [Fact]
    public async Task A_nodes_claim_waits_while_another_nodes_claim_is_open()
    {
        var ids = await InsertAsync(1);
        var gate = new TaskCompletionSource();
        await using var other = new PostgresAppDatabase(store.ConnectionString, NullLoggerFactory.Instance);
        var open = new TaskCompletionSource();
        var otherClaim = other.ExecuteClaimAsync(_ =>
        {
            open.SetResult();
            gate.Task.Wait();
        });
        await open.Task;

        var claim = Claims.ClaimAsync("b", 1, 0, DateTimeOffset.UtcNow);
        await Task.Delay(500);
        var waited = !claim.IsCompleted;
        gate.SetResult();
        await otherClaim;

        Assert.True(waited, "the claim did not wait for the other node's");
        Assert.Equal(ids, await claim);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
