namespace Aft.Bench.Hangfire;

/// <summary>
/// What every submission enqueues, the counterpart of AFT's trivial script <c>Log.Info("x"); Exit(0);</c>. It does
/// nothing: AFT's script also stores a log line, so the peer's job is, if anything, the lighter one.
/// </summary>
public static class TrivialJob
{
    public static void Run()
    {
    }
}
