namespace Aft.Scripting.Vfs.Transfers;

/// <summary>What to do when the destination file exists (the SyncJS constants of the same names and values).</summary>
public enum TransferPolicy
{
    /// <summary>Keep the existing file; the source is skipped.</summary>
    NeverOverwrite = 0,

    /// <summary>Replace it.</summary>
    AlwaysOverwrite = 1,

    /// <summary>Replace it when the sizes differ.</summary>
    OverwriteIfDiffSize = 2,

    /// <summary>Replace it when the source was modified after it.</summary>
    OverwriteIfNewer = 3,
}
