using Aft.Scripting.Vfs;

namespace Aft.Scripting.Watchers;

/// <summary>
/// Raw events of a VFS folder by polling: the listing taken in <see cref="Start"/> is the baseline (so every
/// change after Start returns is reported), then every interval a new path
/// is CREATE, a changed size or modification time is WRITE and a vanished path is REMOVE. A failed listing is
/// reported through <c>warn</c> and the next one compares against the last good listing.
/// </summary>
public sealed class RemoteWatchSource(IVfsBackend backend, Action<string> warn) : IWatchSource
{
    private readonly CancellationTokenSource _stop = new();
    private Task _polling = Task.CompletedTask;

    public void Start(WatchSettings settings, Action<WatchEvent> emit)
    {
        if (settings.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("IntervalSeconds must be more than 0");
        }

        var root = VfsPath.Normalize(settings.Path);
        var baseline = SnapshotAsync(root, settings.Recursive, _stop.Token).GetAwaiter().GetResult();
        _polling = Task.Run(() => PollAsync(root, settings, baseline, emit, _stop.Token));
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _polling.Wait();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is OperationCanceledException))
        {
            // Stopping cancels the wait for the next poll.
        }

        _stop.Dispose();
    }

    private async Task PollAsync(
        string root, WatchSettings settings, Dictionary<string, VfsEntry>? previous, Action<WatchEvent> emit, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.Interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var current = await SnapshotAsync(root, settings.Recursive, cancellationToken);
            if (current is null)
            {
                continue;
            }

            if (previous is not null)
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var (path, entry) in current.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    if (!previous.TryGetValue(path, out var before))
                    {
                        emit(new WatchEvent(now, WatchEvents.Create, path));
                    }
                    else if (!entry.IsDir && (entry.Size != before.Size || entry.ModTime != before.ModTime))
                    {
                        emit(new WatchEvent(now, WatchEvents.Write, path));
                    }
                }

                foreach (var path in previous.Keys.Where(path => !current.ContainsKey(path)).Order(StringComparer.Ordinal))
                {
                    emit(new WatchEvent(now, WatchEvents.Remove, path));
                }
            }

            previous = current;
        }
    }

    private async Task<Dictionary<string, VfsEntry>?> SnapshotAsync(string root, bool recursive, CancellationToken cancellationToken)
    {
        var snapshot = new Dictionary<string, VfsEntry>(StringComparer.Ordinal);
        try
        {
            var folders = new Queue<string>([root]);
            while (folders.TryDequeue(out var folder))
            {
                foreach (var entry in await backend.ListAsync(folder, cancellationToken))
                {
                    snapshot[entry.Path] = entry;
                    if (recursive && entry.IsDir && !entry.IsSymlink)
                    {
                        folders.Enqueue(entry.Path);
                    }
                }
            }

            return snapshot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warn($"RemoteWatcher: listing '{root}' failed: {ex.Message}");
            return null;
        }
    }
}
