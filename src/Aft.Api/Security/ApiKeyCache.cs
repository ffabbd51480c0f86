using System.Collections.Frozen;
using Aft.Grains.Security;

namespace Aft.Api.Security;

/// <summary>
/// The API keys by hash, in memory, so authenticating a request costs one SHA-256 and a dictionary lookup.
/// Reloaded after a local change, and at most once a second when an unknown key shows up (a key created on
/// another node, or by offline administration).
/// </summary>
public sealed class ApiKeyCache(ApiKeyStore store, TimeProvider clock)
{
    private static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private FrozenDictionary<string, AuthenticatedKey> _byHash = FrozenDictionary<string, AuthenticatedKey>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public async ValueTask<AuthenticatedKey?> FindAsync(string presentedKey)
    {
        var hash = ApiKeyStore.Hash(presentedKey);
        if (_byHash.TryGetValue(hash, out var key))
        {
            return key;
        }

        if (clock.GetUtcNow() - _loadedAt < MinReloadInterval)
        {
            return null;
        }

        await ReloadAsync();
        return _byHash.GetValueOrDefault(hash);
    }

    public void Invalidate() => _loadedAt = DateTimeOffset.MinValue;

    public async Task ReloadAsync()
    {
        await _reload.WaitAsync();
        try
        {
            var keys = await store.ListWithHashesAsync();
            _byHash = keys.ToFrozenDictionary(entry => entry.Hash, entry => new AuthenticatedKey(entry.Record, ParseAllowList(entry.Record)));
            _loadedAt = clock.GetUtcNow();
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
