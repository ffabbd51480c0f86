namespace Aft.Cli;

/// <summary>The exit codes of every command (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    /// <summary>Done; for a followed job or <c>aft run</c>: the script succeeded.</summary>
    public const int Ok = 0;

    /// <summary>The followed job or the script failed (non-zero <c>Exit</c>, uncaught error) or timed out.</summary>
    public const int JobFailed = 1;

    /// <summary>The followed job or the script was cancelled.</summary>
    public const int JobCancelled = 2;

    /// <summary>Bad input: an unknown flag, a malformed value, a missing argument.</summary>
    public const int Usage = 3;

    /// <summary>The command could not do its work: service unreachable, key refused, no such script or job, refused by a setting.</summary>
    public const int Failed = 4;

    /// <summary>The exit code for a job that ended with <paramref name="status"/>.</summary>
    public static int ForJob(string status) => status switch
    {
        "succeeded" => Ok,
        "cancelled" => JobCancelled,
        _ => JobFailed,
    };
}
