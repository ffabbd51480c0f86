namespace Aft.Scripting;

/// <summary>Where a run's log lines go (the job log, or a terminal for <c>aft run</c>).</summary>
public interface IScriptLog
{
    void Write(ScriptLogLevel level, string message);
}
