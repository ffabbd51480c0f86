using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Acornima.Ast;
using Jint;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Runtime;

/// <summary>
/// Parsed scripts keyed by a hash of their source: a stored script version is parsed once and every run of it
/// reuses the result (Jint's prepared scripts are immutable and safe to share across engines).
/// </summary>
public sealed class PreparedScriptCache(IOptions<ScriptingOptions> options)
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _prepared = new(StringComparer.Ordinal);

    public Prepared<Script> GetOrPrepare(string code, string sourceName)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
        if (_prepared.TryGetValue(key, out var prepared))
        {
            return prepared;
        }

        prepared = Engine.PrepareScript(code, sourceName);
        if (_prepared.Count >= options.Value.PreparedScriptCacheSize)
        {
            _prepared.Clear();
        }

        _prepared[key] = prepared;
        return prepared;
    }
}
