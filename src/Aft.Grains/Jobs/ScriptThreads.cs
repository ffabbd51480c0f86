using System.Collections.Concurrent;

namespace Aft.Grains.Jobs;

/// <summary>
/// Long-lived threads that run scripts. Scripts block (Sleep, WaitForHaltSignal, synchronous I/O) for as long
/// as they like, so they must not run on the shared thread pool; starting a thread for every job costs more
/// than a trivial job itself. Threads are started when none is idle and then reused, so there are as many as the
/// most attempts that ran here at once: <see cref="JobsOptions.MaxConcurrentJobs"/>, and now and then one more, when a
/// job another node claimed runs here because a caller was waiting on it here.
/// </summary>
public sealed class ScriptThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Lock _lock = new();
    private int _threads;
    private int _idle;

    public void Run(Action work)
    {
        lock (_lock)
        {
            if (_idle <= 0)
            {
                _threads++;
                _idle++;
                new Thread(Loop) { IsBackground = true, Name = $"aft-script-{_threads}" }.Start();
            }

            _idle--;
        }

        _work.Add(work);
    }

    public void Dispose() => _work.CompleteAdding();

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            try
            {
                work();
            }
            finally
            {
                lock (_lock)
                {
                    _idle++;
                }
            }
        }
    }
}
