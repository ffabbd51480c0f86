using System.Text.Json;
using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Settings;

/// <summary>The stored <see cref="AftSettings"/>, read through a short cache.</summary>
public sealed class SettingsStore(AppDatabase database, TimeProvider clock)
{
    private const string Key = "settings";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    // One reference, swapped whole: readers on other threads never see half of an update.
    private Cached? _cached;

    public async Task<AftSettings> GetAsync()
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.Expires > clock.GetUtcNow())
        {
            return cached.Settings;
        }

        await using var connection = await database.OpenReaderAsync();
        var json = await connection.QuerySingleOrDefaultAsync<string>("SELECT value FROM settings WHERE key = @Key", new { Key });
        var settings = json is null ? new AftSettings() : JsonSerializer.Deserialize<AftSettings>(json)!;
        Volatile.Write(ref _cached, new Cached(settings, clock.GetUtcNow() + CacheLifetime));
        return settings;
    }

    public async Task SaveAsync(AftSettings settings)
    {
        var json = JsonSerializer.Serialize(settings);
        await database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ("@key", Key), ("@value", json)));
        Volatile.Write(ref _cached, null);
    }

    private sealed record Cached(AftSettings Settings, DateTimeOffset Expires);
}
