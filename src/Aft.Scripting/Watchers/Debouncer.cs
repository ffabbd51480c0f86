namespace Aft.Scripting.Watchers;

/// <summary>
/// Holds each (event, path) until it has been quiet for the delay, so a file written in many chunks gives one
/// WRITE instead of dozens. With no delay events pass straight through.
/// </summary>
public sealed class Debouncer : IDisposable
{
    private readonly TimeSpan _delay;
    private readonly Action<WatchEvent> _emit;
    private readonly Dictionary<(string Event, string Object), (WatchEvent Latest, DateTime Due)> _pending = [];
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _disposed;

    public Debouncer(TimeSpan delay, Action<WatchEvent> emit)
    {
        _delay = delay;
        _emit = emit;
        _timer = new Timer(_ => Flush());
    }

    public void Push(WatchEvent change)
    {
        if (_delay <= TimeSpan.Zero)
        {
            _emit(change);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending[(change.Event, change.Object)] = (change, DateTime.UtcNow + _delay);
            Schedule();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
        }

        _timer.Dispose();
    }

    private void Flush()
    {
        List<WatchEvent> ready;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = DateTime.UtcNow;
            var due = _pending.Where(pair => pair.Value.Due <= now).ToList();
            foreach (var (key, _) in due)
            {
                _pending.Remove(key);
            }

            ready = [.. due.Select(pair => pair.Value.Latest).OrderBy(change => change.TimeStamp)];
            Schedule();
        }

        ready.ForEach(_emit);
    }

    private void Schedule()
    {
        if (_pending.Count > 0)
        {
            var wait = _pending.Values.Min(entry => entry.Due) - DateTime.UtcNow;
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
