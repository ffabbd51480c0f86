namespace Aft.Scripting.Runtime;

/// <summary>
/// Thrown by <c>Exit(code)</c>. It is a host exception, not a JavaScript error, so a script's own
/// <c>try/catch</c> cannot swallow it and the run ends at once.
/// </summary>
public sealed class ScriptExitException(int exitCode) : Exception($"Exit({exitCode})")
{
    public int ExitCode { get; } = exitCode;
}
