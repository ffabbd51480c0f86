namespace Aft.Grains.Jobs;

/// <summary>Who started a job: the REST API (and <c>aft start</c>), or <c>aft run</c> on the service's machine.</summary>
public enum JobSource
{
    Api,
    Cli,
}
