namespace Aft.Grains.Jobs;

/// <summary>A request to run a job, already checked for shape: exactly one of script id, script name or file path.</summary>
public sealed record JobSubmission(
    string? ScriptId,
    string? ScriptName,
    string? FilePath,
    string ParamsJson,
    JobSource Source,
    string? SubmittedBy,
    string? IdempotencyKey = null,
    string? RequestHash = null);
