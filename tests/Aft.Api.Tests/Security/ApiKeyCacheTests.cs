using Aft.Testing;
using Aft.Api.Security;
using Aft.Grains.Security;
using Aft.Grains.Storage;
using Aft.Grains.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Aft.Api.Tests.Security;

[Trait(TestStore.Trait, TestStore.Sqlite)]
public sealed class ApiKeyCacheTests : IAsyncLifetime
{
    private readonly DataDirectory _dataDirectory = new(Directory.CreateTempSubdirectory("aft-keycache-").FullName);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private AppDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteAppDatabase(_dataDirectory, NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_key_revoked_behind_the_cache_stops_working_once_the_loaded_copy_is_30_seconds_old()
    {
        var store = new ApiKeyStore(_database, _clock);
        var cache = new ApiKeyCache(store, _clock);
        var (record, key) = await store.CreateAsync("ci", [ApiKeyScopes.JobsRun], IpAllowList.LoopbackOnly);
        Assert.NotNull(await cache.FindAsync(key));

        // Revoked without telling this cache, as another node or offline administration would.
        await store.DeleteAsync(record.Id);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await cache.FindAsync(key));

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await cache.FindAsync(key));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory.Path, recursive: true);
    }
}
