namespace Aft.Scripting;

/// <summary>
/// The two stop signals of a run. <see cref="Halt"/> asks the script to finish (it sees
/// <c>HaltSignalReceived()</c>); <see cref="Stop"/> ends the engine (cancel after the grace period, timeout).
/// </summary>
public sealed class ScriptSignals
{
    public ScriptSignals(CancellationToken halt, CancellationToken stop)
    {
        Halt = halt;
        Stop = stop;
    }

    public CancellationToken Halt { get; }

    public CancellationToken Stop { get; }

    /// <summary>Blocks for <paramref name="timeout"/>; returns early (and throws) only when the run is stopped.</summary>
    public void Sleep(TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero)
        {
            Stop.WaitHandle.WaitOne(timeout);
        }

        Stop.ThrowIfCancellationRequested();
    }

    /// <summary>Blocks until a halt is requested or the run is stopped.</summary>
    public void WaitForHalt()
    {
        WaitHandle.WaitAny([Halt.WaitHandle, Stop.WaitHandle]);
        Stop.ThrowIfCancellationRequested();
    }
}
