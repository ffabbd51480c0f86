using System.Security.Cryptography;
using System.Text;
using Aft.Grains.Storage;
using Aft.Scripting;
using Dapper;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Security;

/// <summary>
/// Named secrets, encrypted at rest with AES-256-GCM; the secret's name is the associated data, so a sealed
/// value cannot be moved to another name. Values leave this class only through <see cref="Read"/>, which
/// serves <c>GetSecret</c> in scripts, and <see cref="Open"/>, which serves webhook signing; no endpoint or log ever
/// sees them.
/// </summary>
public sealed class SecretStore : ISecretReader
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string KeyCheckName = "secrets-key-check";

    private readonly AppDatabase _database;
    private readonly TimeProvider _clock;
    private readonly byte[] _key;

    public SecretStore(AppDatabase database, DataDirectory dataDirectory, IOptions<SecretsOptions> options, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        _key = LoadKey(dataDirectory, options.Value);
    }

    public Task SetAsync(string name, string value)
    {
        var sealedValue = Seal(name, value);
        return _database.Writer.ExecuteAsync(session => session.Execute("""
            INSERT INTO secrets (name, sealed, updated_at) VALUES (@name, @sealed, @at)
            ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at
            """, ("@name", name), ("@sealed", sealedValue), ("@at", UnixTime.ToMs(_clock.GetUtcNow()))));
    }

    public async Task<bool> DeleteAsync(string name)
    {
        var deleted = 0;
        await _database.Writer.ExecuteAsync(session => deleted = session.Execute("DELETE FROM secrets WHERE name = @name", ("@name", name)));
        return deleted > 0;
    }

    public async Task<IReadOnlyList<(string Name, DateTimeOffset UpdatedAt)>> ListAsync()
    {
        await using var connection = await _database.OpenReaderAsync();
        var rows = await connection.QueryAsync<(string name, long updated_at)>("SELECT name, updated_at FROM secrets ORDER BY name");
        return [.. rows.Select(row => (row.name, UnixTime.FromMs(row.updated_at)))];
    }

    /// <summary>The clear value for a script; null when there is no such secret or it cannot be opened.</summary>
    public string? Read(string name)
    {
        using var connection = _database.OpenReader();
        var sealedValue = connection.QuerySingleOrDefault<byte[]>("SELECT sealed FROM secrets WHERE name = @name", new { name });
        if (sealedValue is null || sealedValue.Length < NonceSize + TagSize)
        {
            return null;
        }

        try
        {
            return Open(name, sealedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether this node's key opens the store's secrets. The first node to ask seals a known value with its key (in
    /// <c>settings</c>); every later start, on any node, must be able to open it. False means this node's key differs
    /// from the one the secrets were sealed with (in a cluster: <c>Aft:Secrets:Key</c> is not the same on every silo).
    /// </summary>
    public async Task<bool> KeyOpensStoreAsync()
    {
        await using (var connection = await _database.OpenReaderAsync())
        {
            var stored = await connection.QuerySingleOrDefaultAsync<string>("SELECT value FROM settings WHERE key = @key", new { key = KeyCheckName });
            if (stored is not null)
            {
                try
                {
                    return Open(KeyCheckName, Convert.FromBase64String(stored)) == KeyCheckName;
                }
                catch (CryptographicException)
                {
                    return false;
                }
            }
        }

        var check = Convert.ToBase64String(Seal(KeyCheckName, KeyCheckName));
        await _database.Writer.ExecuteAsync(session => session.Execute(
            "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING", ("@key", KeyCheckName), ("@value", check)));

        // Another node may have stored its check first: read back whichever is there.
        return await KeyOpensStoreAsync();
    }

    /// <summary>
    /// Encrypts <paramref name="value"/> bound to <paramref name="name"/>, for a value kept outside the secrets table
    /// that must be read back (a webhook's signing secret); <see cref="Open"/> takes the same name.
    /// </summary>
    internal byte[] Seal(string name, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var result = new byte[NonceSize + TagSize + plain.Length];
        var nonce = result.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, result.AsSpan(NonceSize + TagSize), result.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(name));
        return result;
    }

    /// <exception cref="CryptographicException">The value was not sealed under <paramref name="name"/> with this node's key.</exception>
    internal string Open(string name, byte[] sealedValue)
    {
        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(name));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] LoadKey(DataDirectory dataDirectory, SecretsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            var configured = Convert.FromBase64String(options.Key);
            return configured.Length == 32
                ? configured
                : throw new InvalidOperationException("Aft:Secrets:Key must be 32 bytes in Base64");
        }

        var path = dataDirectory.SecretKeyFile;
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        OwnerOnlyFile.WriteAllBytes(path, key);
        return key;
    }
}
