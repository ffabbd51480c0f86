namespace Aft.Grains.Audit;

/// <summary>A page of the audit trail: filters, newest first, continuing below <see cref="BeforeId"/>.</summary>
public sealed record AuditQuery(
    string? Action = null,
    string? TargetKind = null,
    string? TargetId = null,
    string? ActorId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int Limit = 50);
