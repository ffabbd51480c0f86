using Aft.Scripting.Runtime;

namespace Aft.Scripting;

/// <summary>
/// The two stop signals of a run. <see cref="Halt"/> asks the script to finish (it sees
/// <c>HaltSignalReceived()</c>); <see cref="Stop"/> ends the engine (cancel after the grace period, timeout).
/// While the script blocks in <see cref="Sleep"/> or <see cref="WaitForHalt"/> it runs the callbacks queued on
/// <see cref="Events"/>.
/// </summary>
public sealed class ScriptSignals
{
    public ScriptSignals(CancellationToken halt, CancellationToken stop, ScriptEventLoop events)
    {
        Halt = halt;
        Stop = stop;
        Events = events;
    }

    public CancellationToken Halt { get; }

    public CancellationToken Stop { get; }

    /// <summary>Where watchers queue their callbacks for the script thread.</summary>
    public ScriptEventLoop Events { get; }

    /// <summary>
    /// Blocks for <paramref name="timeout"/>, running queued callbacks, and returns at once when a halt is requested
    /// (the script then sees <c>HaltSignalReceived()</c> and can finish); throws only when the run is stopped.
    /// </summary>
    public void Sleep(TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero)
        {
            WaitForHaltOrStop(timeout);
        }

        Stop.ThrowIfCancellationRequested();
    }

    /// <summary>Blocks until a halt is requested or the run is stopped, running queued callbacks meanwhile.</summary>
    public void WaitForHalt()
    {
        WaitForHaltOrStop(Timeout.InfiniteTimeSpan);
        Stop.ThrowIfCancellationRequested();
    }

    private void WaitForHaltOrStop(TimeSpan timeout)
    {
        using var haltOrStop = CancellationTokenSource.CreateLinkedTokenSource(Halt, Stop);
        Events.RunUntil(haltOrStop.Token.WaitHandle, timeout, Stop);
    }
}
