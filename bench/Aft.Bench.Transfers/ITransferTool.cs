namespace Aft.Bench.Transfers;

/// <summary>A client that copies files between the two sides of the benchmark: AFT through a job, or a command-line tool.</summary>
public interface ITransferTool
{
    /// <summary>How the report names it, with the settings that matter (cipher, parallel transfers).</summary>
    string Name { get; }

    /// <summary>Whether this is AFT, which the others are compared with.</summary>
    bool IsAft { get; }

    /// <summary>Copies <paramref name="transfer"/> once; fails if the tool reports a failure or runs past <paramref name="timeout"/>.</summary>
    Task<ToolRun> CopyAsync(TransferCase transfer, TimeSpan timeout);
}
