using System.IO.Compression;
using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Disk;
using Jint.Runtime.Interop;

namespace Aft.Scripting.Helpers;

/// <summary>
/// <c>Zip(localFolder, zipFile)</c> packs a local folder (the zip appears only once complete) and
/// <c>Unzip(zipFile, localFolder)</c> unpacks into a folder, replacing existing files; entries that would land
/// outside the folder are refused. Both return a respBase.
/// </summary>
public sealed class ZipModule : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        var stop = context.Signals.Stop;

        engine.SetValue("Zip", new ClrFunction(engine, "Zip", (_, arguments) =>
        {
            var folder = ScriptArgs.String(engine, arguments, 0, "Zip", "folder");
            var zipFile = ScriptArgs.String(engine, arguments, 1, "Zip", "zipFile");
            return ScriptResults.Base(engine, ScriptIo.Run(stop, token =>
                AtomicFile.WriteAsync(zipFile, (stream, innerToken) => ZipFile.CreateFromDirectoryAsync(folder, stream, CompressionLevel.Optimal, includeBaseDirectory: false, innerToken), token)));
        }, 2));

        engine.SetValue("Unzip", new ClrFunction(engine, "Unzip", (_, arguments) =>
        {
            var zipFile = ScriptArgs.String(engine, arguments, 0, "Unzip", "zipFile");
            var folder = ScriptArgs.String(engine, arguments, 1, "Unzip", "folder");
            return ScriptResults.Base(engine, ScriptIo.Run(stop, token =>
                ZipFile.ExtractToDirectoryAsync(zipFile, folder, overwriteFiles: true, token)));
        }, 2));
    }
}
