namespace Aft.Scripting;

/// <summary>One execution of a script: its code, its parameters and the limits it runs under.</summary>
/// <param name="JobId">The job the run belongs to; shown to scripts only through logs.</param>
/// <param name="Code">The SyncJS source.</param>
/// <param name="ParamsJson">The job parameters as a JSON object (name to value).</param>
/// <param name="Attempt">The 1-based attempt number.</param>
/// <param name="Timeout">Wall-clock limit of this run; null for none.</param>
/// <param name="SourceName">Shown in error locations (script name or file path).</param>
public sealed record ScriptRunRequest(
    string JobId,
    string Code,
    string ParamsJson,
    int Attempt,
    TimeSpan? Timeout,
    string SourceName = "script");
