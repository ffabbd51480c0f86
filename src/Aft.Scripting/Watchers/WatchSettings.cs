namespace Aft.Scripting.Watchers;

/// <summary>What a watcher watches, read from the script object's properties when <c>Start</c> is called.</summary>
/// <param name="Path">The folder: a local path for FsWatcher, a VFS path for RemoteWatcher.</param>
/// <param name="Recursive">Include sub folders.</param>
/// <param name="Interval">How often a RemoteWatcher lists the VFS.</param>
public sealed record WatchSettings(string Path, bool Recursive, TimeSpan Interval);
