using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aft.Grains.Storage;
using Dapper;

namespace Aft.Grains.Security;

/// <summary>
/// API keys. A key is 32 random bytes in Base58 and is shown once; only its SHA-256 is stored (a slow
/// password hash buys nothing for a 256-bit random secret and would slow every request).
/// </summary>
public sealed class ApiKeyStore(AppDatabase database, TimeProvider clock)
{
    private const string Columns = "id, name, key_hash, key_prefix, scopes, allowed_ips, created_at, submits_per_second, submit_burst, reads_per_second, read_burst";

    /// <summary>How stale a key's <see cref="ApiKeyRecord.LastUsedAt"/> may be: one write per key and node in this time, not one per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Key id to when this node last wrote its use (UTC ticks).
    private readonly ConcurrentDictionary<string, long> _lastUseWritten = new(StringComparer.Ordinal);

    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string> allowedIps, ApiKeyLimits? limits = null)
    {
        var key = Base58.Encode(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(Guid.CreateVersion7().ToString("N"), name, key[..6], scopes, allowedIps, clock.GetUtcNow()) { Limits = limits ?? ApiKeyLimits.None };
        await database.Writer.ExecuteAsync(session => session.Execute($"""
            INSERT INTO api_keys ({Columns})
            VALUES (@id, @name, @hash, @prefix, @scopes, @ips, @at, @submits_per_second, @submit_burst, @reads_per_second, @read_burst)
            """,
            ("@id", record.Id), ("@name", name), ("@hash", Hash(key)), ("@prefix", record.Prefix),
            ("@scopes", JsonSerializer.Serialize(scopes)), ("@ips", JsonSerializer.Serialize(allowedIps)),
            ("@at", UnixTime.ToMs(record.CreatedAt)),
            ("@submits_per_second", Column(record.Limits.SubmitsPerSecond)), ("@submit_burst", Column(record.Limits.SubmitBurst)),
            ("@reads_per_second", Column(record.Limits.ReadsPerSecond)), ("@read_burst", Column(record.Limits.ReadBurst))));
        return (record, key);
    }

    /// <summary>Sets a key's rate limits; null when there is no such key.</summary>
    public async Task<ApiKeyRecord?> SetLimitsAsync(string id, ApiKeyLimits limits)
    {
        var updated = 0;
        await database.Writer.ExecuteAsync(session => updated = session.Execute("""
            UPDATE api_keys SET submits_per_second = @submits_per_second, submit_burst = @submit_burst,
                reads_per_second = @reads_per_second, read_burst = @read_burst
            WHERE id = @id
            """,
            ("@id", id), ("@submits_per_second", Column(limits.SubmitsPerSecond)), ("@submit_burst", Column(limits.SubmitBurst)),
            ("@reads_per_second", Column(limits.ReadsPerSecond)), ("@read_burst", Column(limits.ReadBurst))));
        return updated == 0 ? null : await GetAsync(id);
    }

    /// <summary>
    /// Notes that a key was just used. Called on every authenticated request, so it costs a dictionary lookup: the
    /// write is queued (never awaited) at most once per <see cref="LastUsedResolution"/> per key on this node, and the
    /// store keeps the latest time any node wrote.
    /// </summary>
    public void RecordUse(string id)
    {
        var now = clock.GetUtcNow();
        if (_lastUseWritten.TryGetValue(id, out var last) ? now.UtcTicks - last < LastUsedResolution.Ticks || !_lastUseWritten.TryUpdate(id, now.UtcTicks, last)
                                                          : !_lastUseWritten.TryAdd(id, now.UtcTicks))
        {
            // Written recently, or another request on this node claimed the write a moment ago.
            return;
        }

        database.Writer.Post(session => session.Execute(
            "UPDATE api_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)",
            ("@id", id), ("@at", UnixTime.ToMs(now))));
    }

    public async Task<bool> DeleteAsync(string id)
    {
        var deleted = 0;
        await database.Writer.ExecuteAsync(session => deleted = session.Execute("DELETE FROM api_keys WHERE id = @id", ("@id", id)));
        return deleted > 0;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync() => [.. (await ListWithHashesAsync()).Select(entry => entry.Record)];

    /// <summary>Every key with its hash, for the authenticator's lookup table.</summary>
    public async Task<IReadOnlyList<(string Hash, ApiKeyRecord Record)>> ListWithHashesAsync()
    {
        await using var connection = await database.OpenReaderAsync();
        var rows = await connection.QueryAsync<(string id, string name, string key_hash, string key_prefix, string scopes, string allowed_ips, long created_at,
            long? submits_per_second, long? submit_burst, long? reads_per_second, long? read_burst, long? last_used_at)>(
            $"SELECT {Columns}, last_used_at FROM api_keys ORDER BY created_at");
        return [.. rows.Select(row => (row.key_hash, new ApiKeyRecord(row.id, row.name, row.key_prefix,
            JsonSerializer.Deserialize<string[]>(row.scopes)!, JsonSerializer.Deserialize<string[]>(row.allowed_ips)!, UnixTime.FromMs(row.created_at))
        {
            Limits = new ApiKeyLimits((int?)row.submits_per_second, (int?)row.submit_burst, (int?)row.reads_per_second, (int?)row.read_burst),
            LastUsedAt = UnixTime.FromMs(row.last_used_at),
        }))];
    }

    /// <summary>The key with <paramref name="id"/>; null when there is none. Keys are few: this reads them all.</summary>
    public async Task<ApiKeyRecord?> GetAsync(string id) => (await ListAsync()).FirstOrDefault(key => key.Id == id);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// A limit as its column holds it (bigint on PostgreSQL). Npgsql prepares the statement once it has run a few
    /// times; a NULL limit leaves PostgreSQL to type the parameter from the column, and a 4-byte int sent into it
    /// afterwards would be misread and refused, so limits go as 8-byte numbers.
    /// </summary>
    private static long? Column(int? limit) => limit;
}
