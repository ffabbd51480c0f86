namespace Aft.Grains.Audit;

/// <summary>
/// One recorded change. <see cref="Before"/> and <see cref="After"/> are the definition as the API shows it (JSON),
/// never a secret's value or a key in clear; null where there is nothing to show (a creation has no before).
/// </summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    AuditActor Actor,
    string Action,
    string TargetKind,
    string? TargetId,
    string? Before,
    string? After);
