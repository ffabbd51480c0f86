using System.Collections.Concurrent;
using Aft.Grains.Jobs;
using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Scripts;

/// <summary>
/// Stored scripts and their versions. Every update adds a version; a delete hides the script (its versions
/// stay, so the jobs that ran them still say what they ran). Lookups for job submission are served from a
/// short-lived cache.
/// </summary>
public sealed class ScriptStore(AppDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private const string SelectCurrent = """
        SELECT s.id, s.name, s.current_version, v.description, v.code, v.max_attempts, v.initial_backoff_ms,
               v.backoff_multiplier, v.max_backoff_ms, v.timeout_ms, v.max_concurrency, s.created_at, v.created_at AS updated_at
        FROM scripts s JOIN script_versions v ON v.script_id = s.id AND v.version = s.current_version
        WHERE s.deleted_at IS NULL
        """;

    private readonly ConcurrentDictionary<string, (ScriptDefinition? Script, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, int), ScriptDefinition> _versions = new();

    public async Task<ScriptDefinition> CreateAsync(ScriptDraft draft)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7().ToString("N");
        await WriteAsync(draft.Name, session =>
        {
            session.Execute("INSERT INTO scripts (id, name, name_key, current_version, created_at, updated_at) VALUES (@id, @name, @key, 1, @now, @now)",
                ("@id", id), ("@name", draft.Name), ("@key", NameKey(draft.Name)), ("@now", UnixTime.ToMs(now)));
            InsertVersion(session, id, 1, draft, now);
        });
        Invalidate();
        return ToDefinition(id, 1, draft, now, now);
    }

    /// <summary>Stores <paramref name="draft"/> as the next version; null when the script does not exist.</summary>
    public async Task<ScriptDefinition?> UpdateAsync(string id, ScriptDraft draft)
    {
        var current = await GetAsync(id);
        if (current is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var version = 0;
        await WriteAsync(draft.Name, session =>
        {
            var command = session.Command("SELECT current_version FROM scripts WHERE id = @id AND deleted_at IS NULL");
            command.Bind("@id", id);
            version = Convert.ToInt32(command.ExecuteScalar()) + 1;
            session.Execute("UPDATE scripts SET name = @name, name_key = @key, current_version = @version, updated_at = @now WHERE id = @id",
                ("@id", id), ("@name", draft.Name), ("@key", NameKey(draft.Name)), ("@version", version), ("@now", UnixTime.ToMs(now)));
            InsertVersion(session, id, version, draft, now);
        });
        Invalidate();
        return ToDefinition(id, version, draft, current.CreatedAt, now);
    }

    public async Task<bool> DeleteAsync(string id)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session =>
            deleted = session.Execute("UPDATE scripts SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL",
                ("@id", id), ("@now", UnixTime.ToMs(clock.GetUtcNow()))));
        Invalidate();
        return deleted > 0;
    }

    public Task<ScriptDefinition?> GetAsync(string id) =>
        CachedAsync("id:" + id, () => QuerySingleAsync($"{SelectCurrent} AND s.id = @key", id));

    public Task<ScriptDefinition?> FindByNameAsync(string name) =>
        CachedAsync("name:" + NameKey(name), () => QuerySingleAsync($"{SelectCurrent} AND s.name_key = @key", NameKey(name)));

    public async Task<IReadOnlyList<ScriptDefinition>> ListAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        var rows = await connection.QueryAsync<ScriptRow>($"{SelectCurrent} ORDER BY s.name_key");
        return [.. rows.Select(row => row.ToDefinition())];
    }

    /// <summary>A version exactly as it was stored (versions never change, so they are cached for good).</summary>
    public async Task<ScriptDefinition?> GetVersionAsync(string id, int version)
    {
        if (_versions.TryGetValue((id, version), out var cached))
        {
            return cached;
        }

        await using var connection = await database.OpenReaderAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ScriptRow>("""
            SELECT s.id, s.name, v.version AS current_version, v.description, v.code, v.max_attempts, v.initial_backoff_ms,
                   v.backoff_multiplier, v.max_backoff_ms, v.timeout_ms, v.max_concurrency, s.created_at, v.created_at AS updated_at
            FROM scripts s JOIN script_versions v ON v.script_id = s.id
            WHERE s.id = @id AND v.version = @version
            """, new { id, version });
        if (row is null)
        {
            return null;
        }

        var definition = row.ToDefinition();
        if (_versions.Count > 4096)
        {
            _versions.Clear();
        }

        _versions[(id, version)] = definition;
        return definition;
    }

    /// <summary>Every version of a script that is not deleted, newest first; empty when there is no such script.</summary>
    public async Task<IReadOnlyList<ScriptVersionSummary>> ListVersionsAsync(string id)
    {
        await using var connection = await database.OpenReaderAsync();
        var rows = await connection.QueryAsync<(long Version, string Description, long CreatedAt)>("""
            SELECT v.version, v.description, v.created_at
            FROM scripts s JOIN script_versions v ON v.script_id = s.id
            WHERE s.id = @id AND s.deleted_at IS NULL
            ORDER BY v.version DESC
            """, new { id });
        return [.. rows.Select(row => new ScriptVersionSummary((int)row.Version, row.Description, UnixTime.FromMs(row.CreatedAt)))];
    }

    public static string NameKey(string name) => name.Trim().ToUpperInvariant();

    private async Task WriteAsync(string name, Action<WriteSession> work)
    {
        try
        {
            await database.Writer.ExecuteAsync(work);
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            throw new DuplicateScriptNameException(name);
        }
    }

    private static void InsertVersion(WriteSession session, string id, int version, ScriptDraft draft, DateTimeOffset now) =>
        session.Execute("""
            INSERT INTO script_versions (script_id, version, description, code, max_attempts, initial_backoff_ms, backoff_multiplier, max_backoff_ms, timeout_ms, max_concurrency, created_at)
            VALUES (@id, @version, @description, @code, @max_attempts, @initial, @multiplier, @max_backoff, @timeout, @concurrency, @now)
            """,
            ("@id", id), ("@version", version), ("@description", draft.Description), ("@code", draft.Code),
            ("@max_attempts", draft.Retry.MaxAttempts), ("@initial", (long)draft.Retry.InitialBackoff.TotalMilliseconds),
            ("@multiplier", draft.Retry.Multiplier), ("@max_backoff", (long)draft.Retry.MaxBackoff.TotalMilliseconds),
            ("@timeout", draft.Timeout is { } timeout ? (long)timeout.TotalMilliseconds : null),
            ("@concurrency", draft.MaxConcurrency), ("@now", UnixTime.ToMs(now)));

    private static ScriptDefinition ToDefinition(string id, int version, ScriptDraft draft, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, draft.Name, version, draft.Description, draft.Code, draft.Retry, draft.Timeout, draft.MaxConcurrency, createdAt, updatedAt);

    private async Task<ScriptDefinition?> CachedAsync(string key, Func<Task<ScriptDefinition?>> load)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Script;
        }

        var script = await load();
        _cache[key] = (script, now + CacheLifetime);
        return script;
    }

    private void Invalidate() => _cache.Clear();

    private async Task<ScriptDefinition?> QuerySingleAsync(string sql, string key)
    {
        await using var connection = await database.OpenReaderAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ScriptRow>(sql, new { key });
        return row?.ToDefinition();
    }

    private sealed record ScriptRow(
        string id, string name, long current_version, string description, string code, long max_attempts, long initial_backoff_ms,
        double backoff_multiplier, long max_backoff_ms, long? timeout_ms, long max_concurrency, long created_at, long updated_at)
    {
        public ScriptDefinition ToDefinition() => new(
            id, name, (int)current_version, description, code,
            new RetryPolicy((int)max_attempts, TimeSpan.FromMilliseconds(initial_backoff_ms), backoff_multiplier, TimeSpan.FromMilliseconds(max_backoff_ms)),
            timeout_ms is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null,
            (int)max_concurrency, UnixTime.FromMs(created_at), UnixTime.FromMs(updated_at));
    }
}
