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
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string> allowedIps)
    {
        var key = Base58.Encode(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(Guid.CreateVersion7().ToString("N"), name, key[..6], scopes, allowedIps, clock.GetUtcNow());
        await database.Writer.ExecuteAsync(session => session.Execute("""
            INSERT INTO api_keys (id, name, key_hash, key_prefix, scopes, allowed_ips, created_at)
            VALUES (@id, @name, @hash, @prefix, @scopes, @ips, @at)
            """,
            ("@id", record.Id), ("@name", name), ("@hash", Hash(key)), ("@prefix", record.Prefix),
            ("@scopes", JsonSerializer.Serialize(scopes)), ("@ips", JsonSerializer.Serialize(allowedIps)),
            ("@at", UnixTime.ToMs(record.CreatedAt))));
        return (record, key);
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
        var rows = await connection.QueryAsync<(string id, string name, string key_hash, string key_prefix, string scopes, string allowed_ips, long created_at)>(
            "SELECT id, name, key_hash, key_prefix, scopes, allowed_ips, created_at FROM api_keys ORDER BY created_at");
        return [.. rows.Select(row => (row.key_hash, new ApiKeyRecord(row.id, row.name, row.key_prefix,
            JsonSerializer.Deserialize<string[]>(row.scopes)!, JsonSerializer.Deserialize<string[]>(row.allowed_ips)!, UnixTime.FromMs(row.created_at))))];
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
