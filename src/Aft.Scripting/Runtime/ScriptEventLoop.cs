using System.Collections.Concurrent;

namespace Aft.Scripting.Runtime;

/// <summary>
/// Work that other threads (watchers, timers) hand to the script thread. Jint engines are single-threaded, so
/// callbacks never run where the event happened: they are queued here and run by the script's own thread
/// while it blocks in <c>Sleep</c> or <c>WaitForHaltSignal</c>.
/// </summary>
public sealed class ScriptEventLoop : IDisposable
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly AutoResetEvent _posted = new(false);

    /// <summary>Queues <paramref name="work"/> for the script thread. Safe from any thread.</summary>
    public void Post(Action work)
    {
        _queue.Enqueue(work);
        try
        {
            _posted.Set();
        }
        catch (ObjectDisposedException)
        {
            // The run is over; a late event from a watcher thread is dropped with it.
        }
    }

    /// <summary>
    /// Runs queued work on the calling thread until <paramref name="until"/> is signalled or
    /// <paramref name="timeout"/> has passed. Returns true when the wait handle was signalled.
    /// </summary>
    public bool RunUntil(WaitHandle until, TimeSpan timeout, CancellationToken stop)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + timeout;
        WaitHandle[] handles = [until, _posted];
        while (true)
        {
            while (_queue.TryDequeue(out var work))
            {
                stop.ThrowIfCancellationRequested();
                work();
            }

            var remaining = deadline is { } end ? end - DateTime.UtcNow : Timeout.InfiniteTimeSpan;
            if (deadline is not null && remaining <= TimeSpan.Zero)
            {
                return until.WaitOne(0);
            }

            switch (WaitHandle.WaitAny(handles, remaining))
            {
                case 0:
                    return true;
                case WaitHandle.WaitTimeout:
                    return false;
            }
        }
    }

    public void Dispose() => _posted.Dispose();
}
