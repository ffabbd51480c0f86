namespace Aft.Grains.Jobs;

/// <summary>A count of jobs as a log line says it: "1 running job", "2 running jobs".</summary>
internal static class JobCount
{
    public static string Of(int count, string kind) => $"{count} {kind} {(count == 1 ? "job" : "jobs")}";
}
