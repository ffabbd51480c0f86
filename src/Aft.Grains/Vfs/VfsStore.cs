using System.Collections.Concurrent;
using System.Text.Json;
using Aft.Grains.Storage;
using Aft.Scripting.Vfs;
using Dapper;

namespace Aft.Grains.Vfs;

/// <summary>
/// The VFS Library, and the <see cref="IVfsCatalog"/> scripts read it through. Names match case-insensitively.
/// Script lookups are served from a short cache, so a definition changed by an administrator is seen within
/// seconds by every node.
/// </summary>
public sealed class VfsStore(AppDatabase database, TimeProvider clock) : IVfsCatalog
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (VfsDefinition? Definition, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces the entry; returns true when it was created.</summary>
    public async Task<bool> SaveAsync(VfsDefinition definition)
    {
        var now = UnixTime.ToMs(clock.GetUtcNow());
        var created = false;
        await database.Writer.ExecuteAsync(session =>
        {
            var exists = session.Command("SELECT COUNT(*) FROM vfs WHERE name_key = @key");
            exists.Bind("@key", NameKey(definition.Name));
            created = Convert.ToInt64(exists.ExecuteScalar()) == 0;
            session.Execute("""
                INSERT INTO vfs (name, name_key, type, target, options, credentials, created_at, updated_at)
                VALUES (@name, @key, @type, @target, @options, @credentials, @now, @now)
                ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, type = excluded.type, target = excluded.target,
                    options = excluded.options, credentials = excluded.credentials, updated_at = excluded.updated_at
                """,
                ("@name", definition.Name), ("@key", NameKey(definition.Name)), ("@type", definition.Type.ToLowerInvariant()),
                ("@target", definition.Target), ("@options", JsonSerializer.Serialize(definition.Options)),
                ("@credentials", JsonSerializer.Serialize(definition.Credentials)), ("@now", now));
        });
        _cache.Clear();
        return created;
    }

    public async Task<bool> DeleteAsync(string name)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Execute("DELETE FROM vfs WHERE name_key = @key", ("@key", NameKey(name))));
        _cache.Clear();
        return deleted > 0;
    }

    public async Task<VfsRecord?> GetAsync(string name)
    {
        await using var connection = await database.OpenReaderAsync();
        var row = await connection.QuerySingleOrDefaultAsync<VfsRow>(SelectAll + " WHERE name_key = @key", new { key = NameKey(name) });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<VfsRecord>> ListAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        return [.. (await connection.QueryAsync<VfsRow>(SelectAll + " ORDER BY name_key")).Select(row => row.ToRecord())];
    }

    public VfsDefinition? Find(string name)
    {
        var key = NameKey(name);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Definition;
        }

        using var connection = database.OpenReader();
        var definition = connection.QuerySingleOrDefault<VfsRow>(SelectAll + " WHERE name_key = @key", new { key })?.ToRecord().Definition;
        _cache[key] = (definition, now + CacheLifetime);
        return definition;
    }

    public static string NameKey(string name) => name.Trim().ToUpperInvariant();

    private const string SelectAll = "SELECT name, type, target, options, credentials, created_at, updated_at FROM vfs";

    private sealed record VfsRow(string name, string type, string target, string options, string credentials, long created_at, long updated_at)
    {
        public VfsRecord ToRecord() => new(
            new VfsDefinition(name, type, target,
                JsonSerializer.Deserialize<Dictionary<string, string>>(options)!,
                JsonSerializer.Deserialize<Dictionary<string, string>>(credentials)!),
            UnixTime.FromMs(created_at), UnixTime.FromMs(updated_at));
    }
}
