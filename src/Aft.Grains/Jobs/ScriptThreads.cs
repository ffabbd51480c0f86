using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aft.Grains.Jobs;

/// <summary>
/// Long-lived threads that run scripts. Scripts block (Sleep, WaitForHaltSignal, synchronous I/O) for as long
/// as they like, so they must not run on the shared thread pool; starting a thread for every job costs more
/// than a trivial job itself. The run queue admits at most <see cref="JobsOptions.MaxConcurrentJobs"/>
/// attempts at once, so that many threads always suffice; they are started on first need and then reused.
/// </summary>
public sealed class ScriptThreads(IOptions<JobsOptions> options) : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Lock _lock = new();
    private int _threads;
    private int _idle;

    public void Run(Action work)
    {
        lock (_lock)
        {
            if (_idle <= 0 && _threads < options.Value.MaxConcurrentJobs)
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
