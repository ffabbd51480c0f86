using System.Security.Cryptography;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Script;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Aft.Scripting.Helpers;

/// <summary>
/// <c>HashFile(localPath, algorithm?)</c> and <c>HashFile(vfs, vfsPath, algorithm?)</c>: the lowercase hex digest
/// (sha256 by default; sha1, md5, sha512) in a respReadString. The file is streamed, never loaded whole.
/// </summary>
public sealed class HashFileModule : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        engine.SetValue("HashFile", new ClrFunction(engine, "HashFile", (_, arguments) =>
        {
            var vfs = ScriptArgs.At(arguments, 0) as VirtualFsInstance;
            var first = vfs is null ? 0 : 1;
            var path = ScriptArgs.String(engine, arguments, first, "HashFile", "path");
            var algorithm = Algorithm(engine, ScriptArgs.OptionalString(engine, arguments, first + 1, "HashFile", "algorithm") ?? "sha256");

            var (digest, error) = ScriptIo.Run(context.Signals.Stop, async token =>
            {
                await using var stream = vfs is null
                    ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
                    : await vfs.Backend.OpenReadAsync(VfsPath.Normalize(path), 0, token);
                return Convert.ToHexStringLower(await algorithm(stream, token));
            });
            return ScriptResults.With(engine, error, "Data", digest ?? string.Empty);
        }, 2));
    }

    private static Func<Stream, CancellationToken, ValueTask<byte[]>> Algorithm(Engine engine, string name) => name.ToLowerInvariant() switch
    {
        "sha256" => SHA256.HashDataAsync,
        "sha1" => SHA1.HashDataAsync,
        "md5" => MD5.HashDataAsync,
        "sha512" => SHA512.HashDataAsync,
        _ => throw ScriptArgs.TypeError(engine, $"HashFile: unknown algorithm '{name}' (use sha256, sha1, md5 or sha512)"),
    };
}
