using System.Collections.Frozen;
using Aft.Grains.Security;

namespace Aft.Api.Security;

/// <summary>
/// The API keys by hash, in memory, so authenticating a request costs one SHA-256 and a dictionary lookup.
/// Reloaded after a local change, at most once a second when an unknown key shows up (a key created elsewhere),
/// and whenever the loaded copy is older than <see cref="MaxAge"/>, so a key revoked elsewhere stops working
/// within that time.
/// </summary>
public sealed class ApiKeyCache(ApiKeyStore store, TimeProvider clock)
{
    private static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private FrozenDictionary<string, AuthenticatedKey> _byHash = FrozenDictionary<string, AuthenticatedKey>.Empty;
    // Ticks in a long, so that readers on other threads never see a half-written time.
    private long _loadedAtTicks = DateTimeOffset.MinValue.UtcTicks;

    public async ValueTask<AuthenticatedKey?> FindAsync(string presentedKey)
    {
        var hash = ApiKeyStore.Hash(presentedKey);
        var loadedAt = Interlocked.Read(ref _loadedAtTicks);
        var age = clock.GetUtcNow().UtcTicks - loadedAt;
        if (age < MaxAge.Ticks && _byHash.TryGetValue(hash, out var key))
        {
            return key;
        }

        if (age < MinReloadInterval.Ticks)
        {
            return null;
        }

        await ReloadAsync(loadedAt);
        return _byHash.GetValueOrDefault(hash);
    }

    /// <summary>The key as last loaded, without going to the store (for the rate limiter, which runs before the key check).</summary>
    public AuthenticatedKey? Peek(string presentedKey) => _byHash.GetValueOrDefault(ApiKeyStore.Hash(presentedKey));

    public void Invalidate() => Interlocked.Exchange(ref _loadedAtTicks, DateTimeOffset.MinValue.UtcTicks);

    public Task ReloadAsync() => ReloadAsync(seenLoadedAt: null);

    /// <param name="seenLoadedAt">The load the caller found stale; when another caller has reloaded since, nothing is done.</param>
    private async Task ReloadAsync(long? seenLoadedAt)
    {
        await _reload.WaitAsync();
        try
        {
            if (seenLoadedAt is { } seen && Interlocked.Read(ref _loadedAtTicks) != seen)
            {
                return;
            }

            var keys = await store.ListWithHashesAsync();
            _byHash = keys.ToFrozenDictionary(entry => entry.Hash, entry => new AuthenticatedKey(entry.Record, ParseAllowList(entry.Record)));
            Interlocked.Exchange(ref _loadedAtTicks, clock.GetUtcNow().UtcTicks);
        }
        finally
        {
            _reload.Release();
        }
    }

    private static IpAllowList ParseAllowList(ApiKeyRecord record)
    {
        IpAllowList.TryParse(record.AllowedIps, out var allowList, out _);
        return allowList;
    }
}

public sealed record AuthenticatedKey(ApiKeyRecord Record, IpAllowList AllowList);
