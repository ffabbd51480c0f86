namespace Aft.Scripting.Vfs;

/// <summary>
/// One storage behind a VFS (a disk folder, an SFTP account, a bucket). The runtime hands every method a
/// normalized VFS path (<see cref="VfsPath.Normalize"/>: rooted at "/", no "." or ".." segments); a backend maps it
/// inside its own root and must never reach outside it. Failures are exceptions (preferably
/// <see cref="VfsException"/> with a message that names the VFS path, never a secret, and
/// <see cref="VfsException.Transient"/> set when trying again may help); the runtime turns them into
/// <c>Ok() == false</c>. Operations a storage cannot do throw <see cref="NotSupportedException"/>.
/// Remote backends borrow a pooled connection for each operation (a read stream holds one until disposed), so
/// an open backend costs nothing while it is idle. One instance is used by one thread at a time, except that
/// <see cref="VfsTransfer"/> may run several reads and writes of one instance at once.
/// </summary>
public interface IVfsBackend : IDisposable
{
    /// <summary>What the storage can do beyond the basics; the transfer code and the contract tests read it.</summary>
    VfsCapabilities Capabilities { get; }

    /// <summary>The remote endpoint this backend connects to; null for local storage.</summary>
    VfsEndpoint? Endpoint => null;

    /// <summary>Connections it may have open at once (its definition's <c>maxConnections</c>); transfers run no more files in parallel.</summary>
    int MaxConnections => int.MaxValue;

    /// <summary>Describes a file or directory, following symbolic links.</summary>
    Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>Describes a file or directory without following a final symbolic link.</summary>
    Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken);

    /// <summary>The direct children of a directory, in no particular order.</summary>
    Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates a directory; with <paramref name="parents"/> also the missing parents, and an existing directory is fine.</summary>
    Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken);

    /// <summary>Removes an empty directory.</summary>
    Task RmdirAsync(string path, CancellationToken cancellationToken);

    /// <summary>Renames a file or directory; an existing target file is replaced.</summary>
    Task RenameAsync(string source, string target, CancellationToken cancellationToken);

    /// <summary>Removes a file (or link); with <paramref name="recursive"/> also a directory tree, and a missing path is fine.</summary>
    Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="link"/> pointing at <paramref name="target"/>.</summary>
    Task SymlinkAsync(string target, string link, CancellationToken cancellationToken);

    /// <summary>Sets the Unix permission bits.</summary>
    Task ChmodAsync(string path, int mode, CancellationToken cancellationToken);

    Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken);

    /// <summary>Cuts or extends a file to <paramref name="size"/> bytes.</summary>
    Task TruncateAsync(string path, long size, CancellationToken cancellationToken);

    /// <summary>Opens a file for reading, positioned at <paramref name="offset"/>. The caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a whole file from <paramref name="content"/>. The file appears at <paramref name="path"/> only once it
    /// is complete and its stored size equals the bytes written (a temporary name renamed into place, or the
    /// storage's own atomic upload), unless <see cref="VfsWriteOptions.Direct"/> asks otherwise. An existing file is
    /// replaced. The parent folder must exist where the storage has folders. A failed write leaves nothing under
    /// the final name; with <see cref="VfsWriteOptions.ResumeKey"/> a backend that can resume
    /// (<see cref="VfsCapabilities.Resume"/>) keeps what it wrote, and the next write of the same path with the same
    /// key continues from there, opening <paramref name="content"/> at that offset.
    /// </summary>
    Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken);

    /// <summary>Bytes in a file, or in all files below a directory (links are not followed).</summary>
    Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken);
}
