using Aft.Grains.Security;
using Aft.Grains.Storage;

namespace Aft.Silo;

/// <summary>
/// On the very first start (no API key exists yet) creates an admin key, prints it once and writes it to
/// <c>DATA_DIR/initial-admin-key</c> readable by the owner only.
/// </summary>
public static class InitialAdminKey
{
    public const string Name = "initial-admin";

    public static async Task EnsureAsync(ApiKeyStore keys, DataDirectory dataDirectory, TextWriter output)
    {
        if ((await keys.ListAsync()).Count > 0)
        {
            return;
        }

        var (_, key) = await keys.CreateAsync(Name, [ApiKeyScopes.Admin], IpAllowList.LoopbackOnly);
        OwnerOnlyFile.WriteAllText(dataDirectory.InitialAdminKeyFile, key + Environment.NewLine);
        await output.WriteLineAsync($"Created the initial admin API key (shown once; also in {dataDirectory.InitialAdminKeyFile}):");
        await output.WriteLineAsync(key);
    }
}
