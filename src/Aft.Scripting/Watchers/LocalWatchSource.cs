namespace Aft.Scripting.Watchers;

/// <summary>
/// Raw events of a local folder from <see cref="FileSystemWatcher"/>. The operating system cannot tell a
/// permission change from a write on every platform (inotify reports both as "changed"), so they come as WRITE.
/// </summary>
public sealed class LocalWatchSource : IWatchSource
{
    private FileSystemWatcher? _watcher;

    public void Start(WatchSettings settings, Action<WatchEvent> emit)
    {
        if (!Directory.Exists(settings.Path))
        {
            throw new DirectoryNotFoundException($"the folder '{settings.Path}' does not exist");
        }

        var watcher = new FileSystemWatcher(settings.Path)
        {
            IncludeSubdirectories = settings.Recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, change) => emit(new WatchEvent(DateTimeOffset.UtcNow, WatchEvents.Create, change.FullPath));
        watcher.Changed += (_, change) => emit(new WatchEvent(DateTimeOffset.UtcNow, WatchEvents.Write, change.FullPath));
        watcher.Deleted += (_, change) => emit(new WatchEvent(DateTimeOffset.UtcNow, WatchEvents.Remove, change.FullPath));
        watcher.Renamed += (_, change) => emit(new WatchEvent(DateTimeOffset.UtcNow, WatchEvents.Rename, change.FullPath));
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
    }

    public void Dispose()
    {
        if (_watcher is { } watcher)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }
    }
}
