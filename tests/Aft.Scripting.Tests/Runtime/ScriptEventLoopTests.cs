using Aft.Scripting.Runtime;

namespace Aft.Scripting.Tests.Runtime;

public sealed class ScriptEventLoopTests
{
    [Fact]
    public void RunUntil_runs_work_posted_from_other_threads_on_the_calling_thread()
    {
        using var loop = new ScriptEventLoop();
        using var done = new ManualResetEvent(false);
        var ranOn = 0;
        ThreadPool.QueueUserWorkItem(_ => loop.Post(() =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            done.Set();
        }));

        var signalled = loop.RunUntil(done, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(signalled);
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
    }

    [Fact]
    public void RunUntil_returns_false_when_the_timeout_passes()
    {
        using var loop = new ScriptEventLoop();
        using var never = new ManualResetEvent(false);

        Assert.False(loop.RunUntil(never, TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void Post_after_the_run_ended_is_dropped_quietly()
    {
        var loop = new ScriptEventLoop();
        loop.Dispose();

        loop.Post(() => throw new InvalidOperationException("must not run"));
    }
}
