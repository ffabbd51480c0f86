namespace Aft.Grains.Jobs;

public enum JobStatus
{
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}

public static class JobStatusNames
{
    private static readonly Dictionary<string, JobStatus> ByName = Enum.GetValues<JobStatus>()
        .ToDictionary(ToName, status => status, StringComparer.OrdinalIgnoreCase);

    /// <summary>The wire and database name: <c>queued</c>, <c>running</c>, … <c>timed_out</c>.</summary>
    public static string ToName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Retrying => "retrying",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        JobStatus.TimedOut => "timed_out",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? name, out JobStatus status) => ByName.TryGetValue(name ?? string.Empty, out status);

    public static JobStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new FormatException($"unknown job status '{name}'");

    public static IEnumerable<string> AllNames => ByName.Keys;

    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.TimedOut;
}
