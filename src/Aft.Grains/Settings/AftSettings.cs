namespace Aft.Grains.Settings;

/// <summary>Settings an administrator changes at run time (stored, not configured).</summary>
public sealed record AftSettings
{
    /// <summary>Whether <c>aft run</c> may run script files on this machine.</summary>
    public bool AllowCliRun { get; init; }

    /// <summary>Whether <c>POST /v1/jobs</c> may name a script file on the server's disk.</summary>
    public bool AllowFilePathJobs { get; init; }
}
