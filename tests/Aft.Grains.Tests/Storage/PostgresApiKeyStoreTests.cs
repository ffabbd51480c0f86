using Aft.Grains.Security;
using Aft.Testing;

namespace Aft.Grains.Tests.Storage;

/// <summary>The api_keys table's writes on PostgreSQL, where the writer's statements are prepared once and reused.</summary>
[Trait(TestStore.Trait, TestStore.Postgres)]
public sealed class PostgresApiKeyStoreTests(PostgresStoreFixture store) : IClassFixture<PostgresStoreFixture>
{
    /// <remarks>
    /// The keys created before without limits bound NULLs, so the insert was prepared with PostgreSQL typing those
    /// parameters from their bigint columns; a limit sent as a 4-byte int afterwards broke the writer's batch (a 503).
    /// </remarks>
    [Fact]
    public async Task Limits_are_stored_after_many_keys_without_them()
    {
        var keys = new ApiKeyStore(store.Database, TimeProvider.System);
        string? last = null;
        for (var i = 0; i < 10; i++)
        {
            last = (await keys.CreateAsync($"plain-{i}", [ApiKeyScopes.JobsRead], IpAllowList.LoopbackOnly)).Record.Id;
        }

        var (limited, _) = await keys.CreateAsync("limited", [ApiKeyScopes.JobsRead], IpAllowList.LoopbackOnly, new ApiKeyLimits(5, 10, null, null));
        var updated = await keys.SetLimitsAsync(last!, new ApiKeyLimits(null, null, 7, 8));

        var stored = (await keys.ListAsync()).ToDictionary(key => key.Id);
        Assert.Equal(new ApiKeyLimits(5, 10, null, null), stored[limited.Id].Limits);
        Assert.Equal(new ApiKeyLimits(null, null, 7, 8), updated!.Limits);
        Assert.Equal(new ApiKeyLimits(null, null, 7, 8), stored[last!].Limits);
    }
}
