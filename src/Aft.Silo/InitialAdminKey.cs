using Aft.Grains.Security;
using Aft.Grains.Storage;

namespace Aft.Silo;

/// <summary>
/// The first admin API key of a store that has none: made by a node's very first start on the embedded store (and
/// written to <c>DATA_DIR/initial-admin-key</c>), or by <c>aft db init</c> on PostgreSQL, whose silos share no data dir.
/// It answers from loopback only: an operator on a node's machine uses it to create the keys people and systems use.
/// </summary>
public static class InitialAdminKey
{
    public const string Name = "initial-admin";

    /// <summary>Creates the key when the store has no key at all; returns it, or null when keys exist.</summary>
    public static async Task<string?> CreateIfNoneAsync(ApiKeyStore keys)
    {
        if ((await keys.ListAsync()).Count > 0)
        {
            return null;
        }

        var (_, key) = await keys.CreateAsync(Name, [ApiKeyScopes.Admin], IpAllowList.LoopbackOnly);
        return key;
    }

    /// <summary>On a node's first start: creates the key, prints it once and keeps it in the data dir for its owner.</summary>
    public static async Task EnsureAsync(ApiKeyStore keys, DataDirectory dataDirectory, TextWriter output)
    {
        if (await CreateIfNoneAsync(keys) is not { } key)
        {
            return;
        }

        OwnerOnlyFile.WriteAllText(dataDirectory.InitialAdminKeyFile, key + Environment.NewLine);
        await output.WriteLineAsync($"Created the initial admin API key (shown once; also in {dataDirectory.InitialAdminKeyFile}):");
        await output.WriteLineAsync(key);
    }
}
