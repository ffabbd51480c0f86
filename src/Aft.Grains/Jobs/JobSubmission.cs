using Aft.Grains.Audit;

namespace Aft.Grains.Jobs;

/// <summary>
/// A request to run a job, already checked for shape: exactly one of script id, script name or file path.
/// <see cref="Code"/> comes with a file path when the caller read the file itself (<c>aft run</c>); the path then only names it.
/// <see cref="Actor"/> is who submits it, for the audit trail (its entry is stored with the job).
/// </summary>
public sealed record JobSubmission(
    string? ScriptId,
    string? ScriptName,
    string? FilePath,
    string ParamsJson,
    JobSource Source,
    string? SubmittedBy,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    string? Code = null,
    string? ScheduleId = null,
    AuditActor? Actor = null);
