using Aft.Grains.Audit;
using Aft.Grains.Storage;
using Aft.Grains.Tests.Storage;
using Aft.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aft.Grains.Tests.Audit;

/// <summary>The audit trail's queries and retention, on each store.</summary>
public abstract class AuditTrailTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T09:00:00Z"));

    protected abstract AppDatabase Database { get; }

    [Fact]
    public async Task Entries_are_listed_newest_first_filtered_and_paged()
    {
        var audit = new AuditTrail(Database, _clock);
        var target = Guid.NewGuid().ToString("N");
        var actor = AuditActor.ApiKey("key-1", "deployer", "127.0.0.1");
        await audit.RecordAsync(actor, "script.created", "script", target, after: new { name = "nightly", version = 1 });
        _clock.Advance(TimeSpan.FromMinutes(1));
        await audit.RecordAsync(actor, "script.updated", "script", target, new { name = "nightly", version = 1 }, new { name = "nightly", version = 2 });
        _clock.Advance(TimeSpan.FromMinutes(1));
        await audit.RecordAsync(AuditActor.Host(), "script.deleted", "script", target, before: new { name = "nightly", version = 2 });

        var all = await audit.ListAsync(new AuditQuery(TargetKind: "script", TargetId: target));
        Assert.Equal(["script.deleted", "script.updated", "script.created"], all.Select(entry => entry.Action));
        Assert.Equal("""{"name":"nightly","version":1}""", all[1].Before);
        Assert.Equal("""{"name":"nightly","version":2}""", all[1].After);
        Assert.Null(all[2].Before);
        Assert.Equal(actor, all[1].Actor);
        Assert.Equal(AuditActor.HostKind, all[0].Actor.Kind);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T09:01:00Z"), all[1].At);

        var firstPage = await audit.ListAsync(new AuditQuery(TargetId: target, Limit: 2));
        var secondPage = await audit.ListAsync(new AuditQuery(TargetId: target, BeforeId: firstPage[^1].Id, Limit: 2));
        Assert.Equal(all.Select(entry => entry.Id), firstPage.Concat(secondPage).Select(entry => entry.Id));

        Assert.Equal(["script.updated"], (await audit.ListAsync(new AuditQuery(Action: "script.updated", TargetId: target))).Select(entry => entry.Action));
        Assert.Equal(2, (await audit.ListAsync(new AuditQuery(TargetId: target, ActorId: "key-1"))).Count);
        var window = await audit.ListAsync(new AuditQuery(TargetId: target, From: DateTimeOffset.Parse("2026-12-01T09:01:00Z"), To: DateTimeOffset.Parse("2026-12-01T09:02:00Z")));
        Assert.Equal(["script.updated"], window.Select(entry => entry.Action));
    }

    [Fact]
    public async Task Retention_deletes_only_entries_older_than_it()
    {
        var audit = new AuditTrail(Database, _clock);
        var target = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            await audit.RecordAsync(AuditActor.Host(), "secret.set", "secret", target);
        }

        _clock.Advance(TimeSpan.FromDays(10));
        await audit.RecordAsync(AuditActor.Host(), "secret.deleted", "secret", target);
        var retention = new AuditRetentionService(audit, Options.Create(new AuditOptions { Retention = TimeSpan.FromDays(5) }), _clock,
            NullLogger<AuditRetentionService>.Instance);

        var purged = await retention.PurgeOnceAsync(CancellationToken.None);

        Assert.NotNull(purged);
        Assert.Equal(["secret.deleted"], (await audit.ListAsync(new AuditQuery(TargetId: target))).Select(entry => entry.Action));
    }
}

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class SqliteAuditTrailTests : AuditTrailTests, IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    protected override AppDatabase Database => _data.Database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _data.DisposeAsync();
}

[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresAuditTrailTests(PostgresStoreFixture store) : AuditTrailTests, IClassFixture<PostgresStoreFixture>
{
    protected override AppDatabase Database => store.Database;
}
