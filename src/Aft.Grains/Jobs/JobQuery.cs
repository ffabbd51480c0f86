namespace Aft.Grains.Jobs;

/// <summary>A page of the job list: filters, newest first, continuing after <see cref="AfterJobId"/>.</summary>
public sealed record JobQuery(
    JobStatus? Status = null,
    string? ScriptId = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? AfterJobId = null,
    int Limit = 50);
