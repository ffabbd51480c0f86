namespace Aft.Scripting.Vfs.Transfers;

/// <summary>
/// How far a job's transfers have got (rclone's <c>core/stats</c> is the model): bytes and files done of those
/// planned so far, the file in flight, the rate over the last seconds and the time left at that rate.
/// </summary>
public sealed record TransferProgressSnapshot(
    long BytesDone,
    long BytesTotal,
    int FilesDone,
    int FilesTotal,
    int FilesSkipped,
    int FilesFailed,
    string? CurrentFile,
    double BytesPerSecond,
    double? EtaSeconds,
    DateTimeOffset UpdatedAt);
