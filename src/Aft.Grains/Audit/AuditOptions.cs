namespace Aft.Grains.Audit;

/// <summary><c>Aft:Audit</c>: how long the audit trail keeps its entries.</summary>
public sealed class AuditOptions
{
    /// <summary>Entries older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the old entries are looked for.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
