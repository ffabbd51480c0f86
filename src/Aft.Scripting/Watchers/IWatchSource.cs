namespace Aft.Scripting.Watchers;

/// <summary>
/// Where a watcher's raw events come from (a local folder, a polled VFS). It may call <c>emit</c> from any
/// thread; <see cref="IDisposable.Dispose"/> stops it and returns only once it will emit nothing more.
/// </summary>
public interface IWatchSource : IDisposable
{
    void Start(WatchSettings settings, Action<WatchEvent> emit);
}
