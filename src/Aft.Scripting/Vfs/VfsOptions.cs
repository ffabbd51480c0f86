namespace Aft.Scripting.Vfs;

/// <summary>VFS tunables. Bound from <c>Aft:Vfs</c>.</summary>
public sealed class VfsOptions
{
    /// <summary>Largest read the ReadFileAs* functions load into script memory; bigger files go through ExportFile or CopyToVFS.</summary>
    public int MaxReadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Buffer for streaming copies between VFSs.</summary>
    public int CopyBufferBytes { get; set; } = 128 * 1024;

    /// <summary>How often a RemoteWatcher lists its VFS when the script does not set <c>IntervalSeconds</c>.</summary>
    public TimeSpan RemoteWatcherInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Times a file transfer cut off by a passing failure (connection reset, timeout) is tried again before the copy fails.</summary>
    public int TransferRetries { get; set; } = 3;

    /// <summary>Wait before the first of those tries; it doubles for each next one (with jitter).</summary>
    public TimeSpan TransferRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Files smaller than this are not resumed: sending them again costs less than looking for a partial copy
    /// first (a round trip per file), which matters when thousands of small files go to a remote server.
    /// </summary>
    public long ResumeMinimumBytes { get; set; } = 1024 * 1024;

    /// <summary>Files one transfer call (a folder copy, an Upload of many files) moves at once, within the endpoints' maxConnections.</summary>
    public int ParallelTransfers { get; set; } = 4;
}
