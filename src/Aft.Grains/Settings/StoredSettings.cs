using System.Text.Json;
using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Settings;

/// <summary>One row of the settings table, as a record of <typeparamref name="T"/> in JSON, read through a short cache.</summary>
public abstract class StoredSettings<T>(AppDatabase database, TimeProvider clock, string key) where T : new()
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    // One reference, swapped whole: readers on other threads never see half of an update.
    private Cached? _cached;

    public async Task<T> GetAsync()
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.Expires > clock.GetUtcNow())
        {
            return cached.Settings;
        }

        await using var connection = await database.OpenReaderAsync();
        var json = await connection.QuerySingleOrDefaultAsync<string>("SELECT value FROM settings WHERE key = @key", new { key });
        var settings = json is null ? new T() : JsonSerializer.Deserialize<T>(json)!;
        Volatile.Write(ref _cached, new Cached(settings, clock.GetUtcNow() + CacheLifetime));
        return settings;
    }

    public async Task SaveAsync(T settings)
    {
        var json = JsonSerializer.Serialize(settings);
        await database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ("@key", key), ("@value", json)));
        Volatile.Write(ref _cached, null);
    }

    /// <summary>Back to the defaults (the row is removed).</summary>
    public async Task ResetAsync()
    {
        await database.Writer.ExecuteAsync(session => session.Execute("DELETE FROM settings WHERE key = @key", ("@key", key)));
        Volatile.Write(ref _cached, null);
    }

    private sealed record Cached(T Settings, DateTimeOffset Expires);
}
