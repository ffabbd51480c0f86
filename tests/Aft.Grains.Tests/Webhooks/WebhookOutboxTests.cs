using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Postgres;
using Aft.Grains.Tests.Storage;
using Aft.Grains.Webhooks;
using Aft.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Tests.Webhooks;

/// <summary>The outbox on each store: written with the job's transition or not at all, and each due delivery leased to one node at a time.</summary>
public abstract class WebhookOutboxTests : IAsyncLifetime
{
    private static readonly string SecretsKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private int _sequence;

    protected abstract AppDatabase Database { get; }

    /// <summary>Each test starts with no webhooks and no jobs (the PostgreSQL database is shared by the class).</summary>
    public virtual Task InitializeAsync() => Database.Writer.ExecuteAsync(session =>
    {
        session.Execute("DELETE FROM webhook_deliveries");
        session.Execute("DELETE FROM webhooks");
        session.Execute("DELETE FROM jobs");
    });

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_transition_writes_its_deliveries_with_the_job_row_and_a_fenced_out_one_writes_none()
    {
        var (webhooks, outbox) = Stores(Database);
        var webhook = await webhooks.CreateAsync(new WebhookDraft("https://example.com/hook", [WebhookEvents.Succeeded], null), WebhookSecrets.Generate());
        var jobs = new JobStore(Database);
        var job = await InsertJobAsync(jobs);
        var ended = job with { Status = JobStatus.Succeeded, Revision = 2, FinishedAt = DateTimeOffset.UtcNow };

        var written = await jobs.UpdateAsync(ended, await outbox.EnqueueAsync(JobStatus.Running, ended));
        var stale = await jobs.UpdateAsync(ended, await outbox.EnqueueAsync(JobStatus.Running, ended));
        var notSubscribed = await outbox.EnqueueAsync(JobStatus.Queued, ended with { Status = JobStatus.Running });

        Assert.True(written);
        Assert.False(stale);
        Assert.Null(notSubscribed);
        var delivery = Assert.Single(await outbox.ListAsync(webhook.Id, null, 10));
        Assert.Equal((job.JobId, WebhookEvents.Succeeded, WebhookOutbox.Pending, 0), (delivery.JobId, delivery.Type, delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task Nodes_claiming_at_once_get_each_due_delivery_once_and_a_lease_keeps_it_until_it_runs_out()
    {
        var (webhooks, outbox) = Stores(Database);
        await webhooks.CreateAsync(new WebhookDraft("https://example.com/hook", [WebhookEvents.Succeeded], null), WebhookSecrets.Generate());
        var jobs = new JobStore(Database);
        for (var i = 0; i < 40; i++)
        {
            var job = await InsertJobAsync(jobs);
            var ended = job with { Status = JobStatus.Succeeded, Revision = 2 };
            await jobs.UpdateAsync(ended, await outbox.EnqueueAsync(JobStatus.Running, ended));
        }

        var nodes = await NodesAsync(4);
        var claimedTimes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        try
        {
            await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
            {
                var (_, nodeOutbox) = Stores(node);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (claimedTimes.Count < 40 && DateTime.UtcNow < deadline)
                {
                    foreach (var delivery in await nodeOutbox.ClaimDueAsync($"node-{n}", 5, TimeSpan.FromMinutes(1)))
                    {
                        claimedTimes.AddOrUpdate(delivery.Id, 1, (_, times) => times + 1);
                    }
                }
            })));
        }
        finally
        {
            foreach (var node in nodes.Where(node => node != Database))
            {
                await node.DisposeAsync();
            }
        }

        Assert.Equal(40, claimedTimes.Count);
        Assert.All(claimedTimes.Values, times => Assert.Equal(1, times));

        // A lease that ran out (its node died mid-attempt) lets another node take the delivery.
        var (_, shortLeases) = Stores(Database);
        await Database.Writer.ExecuteAsync(session => session.Execute("UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL"));
        Assert.Equal(40, (await shortLeases.ClaimDueAsync("a", 100, TimeSpan.FromMilliseconds(300))).Count);
        Assert.Empty(await shortLeases.ClaimDueAsync("b", 100, TimeSpan.FromMinutes(1)));
        await Task.Delay(400);
        Assert.Equal(40, (await shortLeases.ClaimDueAsync("b", 100, TimeSpan.FromMinutes(1))).Count);
    }

    [Fact]
    public async Task Retention_purges_the_deliveries_that_are_over_and_keeps_the_pending_ones()
    {
        var (webhooks, outbox) = Stores(Database);
        var webhook = await webhooks.CreateAsync(new WebhookDraft("https://example.com/hook", [WebhookEvents.Succeeded], null), WebhookSecrets.Generate());
        var jobs = new JobStore(Database);
        foreach (var _ in new[] { "delivered", "pending" })
        {
            var ended = await InsertJobAsync(jobs) with { Status = JobStatus.Succeeded, Revision = 2 };
            await jobs.UpdateAsync(ended, await outbox.EnqueueAsync(JobStatus.Running, ended));
        }

        var claimed = (await outbox.ClaimDueAsync("a", 1, TimeSpan.FromMinutes(1)))[0];
        await outbox.RecordAttemptAsync(claimed, "a", WebhookOutbox.Delivered, 204, null, DateTimeOffset.UtcNow, null);

        Assert.Equal(0, await outbox.PurgeEndedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(1, await outbox.PurgeEndedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1)));
        var left = Assert.Single(await outbox.ListAsync(webhook.Id, null, 10));
        Assert.Equal(WebhookOutbox.Pending, left.Status);
    }

    /// <summary>The nodes that claim, each with its own connections where the store has them.</summary>
    protected virtual Task<IReadOnlyList<AppDatabase>> NodesAsync(int count) =>
        Task.FromResult<IReadOnlyList<AppDatabase>>([.. Enumerable.Repeat(Database, count)]);

    private static (WebhookStore Webhooks, WebhookOutbox Outbox) Stores(AppDatabase database)
    {
        var options = Options.Create(new WebhooksOptions());
        var catalog = new WebhookCatalog(database, options, TimeProvider.System, NullLogger<WebhookCatalog>.Instance);
        var secrets = new SecretStore(database, new DataDirectory(Path.GetTempPath()), Options.Create(new SecretsOptions { Key = SecretsKey }), TimeProvider.System);
        return (new WebhookStore(database, secrets, catalog, TimeProvider.System), new WebhookOutbox(database, catalog, TimeProvider.System));
    }

    private async Task<JobRecord> InsertJobAsync(JobStore jobs)
    {
        var job = new JobRecord
        {
            JobId = $"{DateTime.UtcNow.Ticks:x16}{Interlocked.Increment(ref _sequence):x8}", Code = "Log('x');",
            Status = JobStatus.Running, CreatedAt = DateTimeOffset.UtcNow, Revision = 1,
        };
        await jobs.InsertAsync(job);
        return job;
    }
}

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SqliteWebhookOutboxTests : WebhookOutboxTests
{
    private readonly TempDataDirectory _data = new();

    protected override AppDatabase Database => _data.Database;

    public override async Task DisposeAsync() => await _data.DisposeAsync();

    [Fact]
    public async Task The_signing_secret_is_not_in_the_database_file_in_clear()
    {
        var secrets = new SecretStore(Database, _data.Directory, Options.Create(new SecretsOptions()), TimeProvider.System);
        var catalog = new WebhookCatalog(Database, Options.Create(new WebhooksOptions()), TimeProvider.System, NullLogger<WebhookCatalog>.Instance);
        var secret = WebhookSecrets.Generate();

        await new WebhookStore(Database, secrets, catalog, TimeProvider.System).CreateAsync(new WebhookDraft("https://example.com/hook", [WebhookEvents.Failed], null), secret);
        await Database.Writer.FlushAsync();

        var needle = System.Text.Encoding.UTF8.GetBytes(secret["whsec_".Length..]);
        foreach (var file in new[] { _data.Directory.AppDatabase, _data.Directory.AppDatabase + "-wal" }.Where(File.Exists))
        {
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(needle));
        }
    }
}

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresWebhookOutboxTests(PostgresStoreFixture store) : WebhookOutboxTests, IClassFixture<PostgresStoreFixture>
{
    protected override AppDatabase Database => store.Database;

    protected override Task<IReadOnlyList<AppDatabase>> NodesAsync(int count) =>
        Task.FromResult<IReadOnlyList<AppDatabase>>([.. Enumerable.Range(0, count).Select(_ => new PostgresAppDatabase(store.ConnectionString, NullLoggerFactory.Instance))]);
}
