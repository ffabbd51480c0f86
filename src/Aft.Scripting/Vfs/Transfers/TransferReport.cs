namespace Aft.Scripting.Vfs.Transfers;

/// <summary>How a transfer call went.</summary>
public sealed record TransferReport(int Transferred, int Skipped, long Bytes, IReadOnlyList<(string Path, string Error)> Failures)
{
    public bool Ok => Failures.Count == 0;

    /// <summary>The message for <c>ErrorMsg()</c>: the first failure, and how many more there were.</summary>
    public string? Error => Failures.Count switch
    {
        0 => null,
        1 => Failures[0].Error,
        _ => $"{Failures[0].Error} (and {Failures.Count - 1} more files failed)",
    };
}
