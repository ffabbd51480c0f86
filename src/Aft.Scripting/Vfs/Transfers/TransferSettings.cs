namespace Aft.Scripting.Vfs.Transfers;

/// <summary>How one transfer call (a CopyToVFS, a client's Upload) treats its files.</summary>
public sealed record TransferSettings
{
    public TransferPolicy Policy { get; init; } = TransferPolicy.AlwaysOverwrite;

    /// <summary>Delete each source file once its copy is stored and verified (a move).</summary>
    public bool DeleteSource { get; init; }

    /// <summary>Write under the final name directly instead of a temporary name (see <see cref="VfsWriteOptions.Direct"/>).</summary>
    public bool Direct { get; init; }

    /// <summary>Stop at the first file that fails; otherwise the others are still transferred and every failure is reported.</summary>
    public bool StopOnError { get; init; } = true;
}
