namespace Aft.Grains.Jobs;

/// <summary>Who started a job: the REST API (and <c>aft start</c>), <c>aft run</c> on the service's machine, or a schedule.</summary>
public enum JobSource
{
    Api,
    Cli,
    Schedule,
    Ui,
}

public static class JobSourceNames
{
    /// <summary>The wire and database name: <c>api</c>, <c>cli</c>, <c>schedule</c>, <c>ui</c>.</summary>
    public static string ToName(this JobSource source) => source switch
    {
        JobSource.Api => "api",
        JobSource.Cli => "cli",
        JobSource.Schedule => "schedule",
        JobSource.Ui => "ui",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static JobSource Parse(string name) => name switch
    {
        "cli" => JobSource.Cli,
        "schedule" => JobSource.Schedule,
        "ui" => JobSource.Ui,
        _ => JobSource.Api,
    };
}
