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
}
