namespace Aft.Silo;

/// <summary>
/// SQLite's ADO.NET driver does its I/O synchronously, also behind its async methods (commits wait for
/// fsync), and Orleans' storage calls it from pool threads. On a small machine the thread pool starts with
/// one thread per core and adds more only slowly, so a burst of commits starves request handling. A higher
/// floor keeps threads ready for those short blocking waits.
/// </summary>
public static class ThreadPoolSizing
{
    public const int MinimumThreads = 16;

    public static void Apply()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), Math.Max(completionPorts, MinimumThreads));
    }
}
