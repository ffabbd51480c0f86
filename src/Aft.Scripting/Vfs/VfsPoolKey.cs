using System.Security.Cryptography;
using System.Text;

namespace Aft.Scripting.Vfs;

/// <summary>
/// Which pooled connections a VFS may reuse: only those opened with the same target, options and credentials, so a
/// script can never ride on a session that another definition authenticated. A hash, so the key holds no secret.
/// </summary>
public static class VfsPoolKey
{
    public static string Of(VfsDefinition definition, IReadOnlyDictionary<string, string> credentials)
    {
        var text = new StringBuilder();
        text.Append(definition.Type.ToLowerInvariant()).Append('\n').Append(definition.Target).Append('\n');
        foreach (var (name, value) in definition.Options.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append("o:").Append(name.ToLowerInvariant()).Append('=').Append(value).Append('\n');
        }

        foreach (var (name, value) in credentials.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append("c:").Append(name.ToLowerInvariant()).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
