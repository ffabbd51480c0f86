namespace Aft.Scripting.Vfs.Disk;

/// <summary>
/// The host's own file system as a VFS, for the functions that take local paths (ImportFile, ExportFile, the
/// clients' Upload and Download), so local files go through the same transfer code as any other VFS.
/// </summary>
public static class LocalFiles
{
    public static IVfsBackend Open() => new DiskVfsBackend(Path.GetPathRoot(Path.GetFullPath("."))!);

    /// <summary>The VFS path of a local path (absolute, or relative to the working directory).</summary>
    public static string ToVfsPath(string localPath)
    {
        var full = Path.GetFullPath(localPath);
        return VfsPath.Normalize(full[Path.GetPathRoot(full)!.Length..]);
    }
}
