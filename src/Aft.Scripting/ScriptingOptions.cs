namespace Aft.Scripting;

/// <summary>Limits applied to every script run. Bound from <c>Aft:Scripting</c>.</summary>
public sealed class ScriptingOptions
{
    /// <summary>Memory one engine may allocate; a run over it fails.</summary>
    public long MemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Deepest JavaScript call stack.</summary>
    public int RecursionLimit { get; set; } = 1000;

    /// <summary>How long a halted script may run on before its engine is stopped.</summary>
    public TimeSpan HaltGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many prepared (parsed) scripts are kept.</summary>
    public int PreparedScriptCacheSize { get; set; } = 512;
}
