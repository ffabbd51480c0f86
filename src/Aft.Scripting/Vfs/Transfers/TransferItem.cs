namespace Aft.Scripting.Vfs.Transfers;

/// <summary>One file to transfer: where it is (already described by a stat or listing) and the full path it gets.</summary>
public sealed record TransferItem(IVfsBackend Source, VfsEntry SourceEntry, IVfsBackend Target, string TargetPath);
