using System.Collections.Concurrent;
using System.Diagnostics;

namespace Aft.Scripting.Vfs.Transfers;

/// <summary>
/// The live transfer counters of one run. Transfers update it as bytes move (no storage write); readers take a
/// <see cref="Snapshot"/> whenever they like. Thread-safe.
/// </summary>
public sealed class TransferProgress(TimeProvider clock)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);
    private static readonly long SampleEvery = Stopwatch.Frequency / 4;

    private readonly ConcurrentDictionary<long, InFlight> _inFlight = new();
    private readonly Queue<(long At, long Bytes)> _samples = new();
    private long _bytesCompleted;
    private long _bytesTotal;
    private int _filesDone;
    private int _filesTotal;
    private int _filesSkipped;
    private int _filesFailed;
    private long _nextId;
    private long _lastSample;

    public TransferProgress()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Whether anything was ever planned; a run that moved no files has no progress to show.</summary>
    public bool HasActivity => Volatile.Read(ref _filesTotal) > 0;

    /// <summary>Adds files and bytes about to be transferred to the totals.</summary>
    public void Plan(int files, long bytes)
    {
        Interlocked.Add(ref _filesTotal, files);
        Interlocked.Add(ref _bytesTotal, bytes);
    }

    /// <summary>Starts one file; report its position as bytes arrive and end it with Completed, Skipped or Failed.</summary>
    public FileProgress Start(string path)
    {
        var id = Interlocked.Increment(ref _nextId);
        var file = new FileProgress(this, id, path);
        _inFlight[id] = new InFlight(path, file);
        return file;
    }

    public TransferProgressSnapshot Snapshot()
    {
        var inFlight = _inFlight.Values.ToList();
        var done = Volatile.Read(ref _bytesCompleted) + inFlight.Sum(file => file.Progress.Position);
        var rate = Rate(done);
        var total = Math.Max(Volatile.Read(ref _bytesTotal), done);
        double? eta = rate > 0 ? (total - done) / rate : null;
        return new TransferProgressSnapshot(done, total, Volatile.Read(ref _filesDone), Volatile.Read(ref _filesTotal),
            Volatile.Read(ref _filesSkipped), Volatile.Read(ref _filesFailed), inFlight.MinBy(file => file.Progress.Id)?.Path,
            Math.Round(rate, 1), eta is null ? null : Math.Round(eta.Value, 1), clock.GetUtcNow());
    }

    internal void Moved()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Volatile.Read(ref _lastSample);
        if (now - last >= SampleEvery && Interlocked.CompareExchange(ref _lastSample, now, last) == last)
        {
            Sample(now, Volatile.Read(ref _bytesCompleted) + _inFlight.Values.Sum(file => file.Progress.Position));
        }
    }

    internal void End(FileProgress file, FileEnd end, long bytes)
    {
        if (!_inFlight.TryRemove(file.Id, out _))
        {
            return;
        }

        switch (end)
        {
            case FileEnd.Completed:
                Interlocked.Add(ref _bytesCompleted, bytes);
                Interlocked.Increment(ref _filesDone);
                break;
            case FileEnd.Skipped:
                // A skipped file moves no bytes: it leaves the totals so the ETA is not waiting for it.
                Interlocked.Add(ref _bytesTotal, -bytes);
                Interlocked.Increment(ref _filesSkipped);
                break;
            default:
                Interlocked.Add(ref _bytesTotal, -bytes);
                Interlocked.Increment(ref _filesFailed);
                break;
        }

        Moved();
    }

    private double Rate(long done)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return 0;
            }

            var (at, bytes) = _samples.Peek();
            var seconds = Stopwatch.GetElapsedTime(at, now).TotalSeconds;
            return seconds < 0.2 ? 0 : Math.Max(0, (done - bytes) / seconds);
        }
    }

    private void Sample(long now, long bytes)
    {
        lock (_samples)
        {
            _samples.Enqueue((now, bytes));
            while (_samples.Count > 1 && Stopwatch.GetElapsedTime(_samples.Peek().At, now) > RateWindow)
            {
                _samples.Dequeue();
            }
        }
    }

    private sealed record InFlight(string Path, FileProgress Progress);

    internal enum FileEnd
    {
        Completed,
        Skipped,
        Failed,
    }
}
