using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs.Script;
using Jint.Native;

namespace Aft.Scripting.Watchers;

/// <summary>
/// Installs <c>new FsWatcher(path?)</c> (a local folder) and <c>new RemoteWatcher(vfsName, path?)</c> (a VFS
/// Library entry, polled every <c>IntervalSeconds</c>). Both are owned by the run and stopped when it ends.
/// </summary>
public sealed class WatchersModule(VfsOpener opener) : IScriptModule
{
    public void Install(ScriptContext context)
    {
        var engine = context.Engine;
        engine.SetValue("FsWatcher", new ScriptConstructor(engine, "FsWatcher", arguments =>
            context.Own(new ScriptWatcher(
                context,
                "FsWatcher",
                ScriptArgs.OptionalString(engine, arguments, 0, "FsWatcher", "path"),
                () => new LocalWatchSource()))));

        engine.SetValue("RemoteWatcher", new ScriptConstructor(engine, "RemoteWatcher", arguments =>
        {
            var name = ScriptArgs.String(engine, arguments, 0, "RemoteWatcher", "vfsName");
            var path = ScriptArgs.OptionalString(engine, arguments, 1, "RemoteWatcher", "path") ?? "/";
            var (_, backend) = opener.OpenByName(context, name, "RemoteWatcher");
            var log = context.Environment.Log;
            var watcher = context.Own(new ScriptWatcher(
                context,
                "RemoteWatcher",
                path,
                () => new RemoteWatchSource(backend, warning => context.Signals.Events.Post(() => log.Write(ScriptLogLevel.Warn, warning)))));
            watcher.Set("IntervalSeconds", opener.Options.RemoteWatcherInterval.TotalSeconds);
            return watcher;
        }));
    }
}
