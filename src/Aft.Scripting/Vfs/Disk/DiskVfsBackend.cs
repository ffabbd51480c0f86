namespace Aft.Scripting.Vfs.Disk;

/// <summary>A VFS on a local folder. Every path goes through <see cref="DiskJail"/> first.</summary>
public sealed class DiskVfsBackend(string root) : IVfsBackend
{
    private readonly DiskJail _jail = new(root);

    public VfsCapabilities Capabilities =>
        VfsCapabilities.Folders | VfsCapabilities.Symlinks | VfsCapabilities.Times | VfsCapabilities.Truncate | VfsCapabilities.Resume
        | (OperatingSystem.IsWindows() ? VfsCapabilities.None : VfsCapabilities.Permissions);

    public Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, () => Describe(path, Existing(_jail.Resolve(path, followLast: true), path)));

    public Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, () => Describe(path, Existing(_jail.Resolve(path, followLast: false), path)));

    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<VfsEntry>>(path, () =>
        [
            .. new DirectoryInfo(_jail.Resolve(path, followLast: true))
                .EnumerateFileSystemInfos()
                .Select(info => Describe(VfsPath.Join(path, info.Name), info)),
        ]);

    public Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            var host = _jail.Resolve(path, followLast: false);
            if (!parents)
            {
                if (Path.Exists(host))
                {
                    throw new VfsException($"'{path}' already exists");
                }

                if (!Directory.Exists(Path.GetDirectoryName(host)))
                {
                    throw new VfsException($"the parent folder of '{path}' does not exist");
                }
            }

            Directory.CreateDirectory(host);
        });

    public Task RmdirAsync(string path, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            var host = _jail.Resolve(path, followLast: false);
            if (Existing(host, path) is not DirectoryInfo { LinkTarget: null })
            {
                throw new VfsException($"'{path}' is not a directory");
            }

            Directory.Delete(host, recursive: false);
        });

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Run(source, () =>
        {
            var from = Existing(_jail.Resolve(source, followLast: false), source);
            var to = _jail.Resolve(target, followLast: false);
            if (from is DirectoryInfo { LinkTarget: null })
            {
                Directory.Move(from.FullName, to);
            }
            else
            {
                File.Move(from.FullName, to, overwrite: true);
            }
        });

    public Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            var host = _jail.Resolve(path, followLast: false);
            var info = Info(host);
            if (!info.Exists && info.LinkTarget is null)
            {
                if (recursive)
                {
                    return;
                }

                throw new VfsException($"'{path}': no such file or directory");
            }

            if (info is DirectoryInfo { LinkTarget: null } directory)
            {
                if (!recursive)
                {
                    throw new VfsException($"'{path}' is a directory (use Rmdir or RemoveAll)");
                }

                directory.Delete(recursive: true);
                return;
            }

            File.Delete(host);
        });

    public Task SymlinkAsync(string target, string link, CancellationToken cancellationToken) =>
        Run(link, () =>
        {
            var targetHost = _jail.Resolve(target, followLast: true);
            var linkHost = _jail.Resolve(link, followLast: false);
            File.CreateSymbolicLink(linkHost, Path.GetRelativePath(Path.GetDirectoryName(linkHost)!, targetHost));
        });

    public Task ChmodAsync(string path, int mode, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            if (OperatingSystem.IsWindows())
            {
                throw new NotSupportedException("Chmod is not supported on Windows disks");
            }

            File.SetUnixFileMode(Existing(_jail.Resolve(path, followLast: true), path).FullName, (UnixFileMode)mode);
        });

    public Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            var info = Existing(_jail.Resolve(path, followLast: true), path);
            info.LastAccessTimeUtc = accessTime.UtcDateTime;
            info.LastWriteTimeUtc = modificationTime.UtcDateTime;
        });

    public Task TruncateAsync(string path, long size, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            using var stream = new FileStream(_jail.Resolve(path, followLast: true), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.SetLength(size);
        });

    public Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        Run<Stream>(path, () =>
        {
            var stream = new FileStream(_jail.Resolve(path, followLast: true), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            stream.Position = offset;
            return stream;
        });

    public async Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var host = await Run(path, () => _jail.Resolve(path, followLast: true));
        if (Directory.Exists(host))
        {
            throw new VfsException($"'{path}' is a directory");
        }

        if (!Directory.Exists(Path.GetDirectoryName(host)))
        {
            throw new VfsException($"the folder of '{path}' does not exist");
        }

        try
        {
            return await AtomicFile.WriteAsync(host, content, options, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not VfsException)
        {
            throw Translate(path, ex);
        }
    }

    public Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken) =>
        Run(path, () =>
        {
            var info = Existing(_jail.Resolve(path, followLast: true), path);
            return info is DirectoryInfo directory ? SizeBelow(directory) : ((FileInfo)info).Length;
        });

    public void Dispose()
    {
        // A disk VFS holds nothing open between calls.
    }

    private static long SizeBelow(DirectoryInfo directory) =>
        directory.EnumerateFileSystemInfos().Sum(info => info switch
        {
            { LinkTarget: not null } => 0,
            FileInfo file => file.Length,
            DirectoryInfo child => SizeBelow(child),
            _ => 0,
        });

    private static FileSystemInfo Info(string host) => Directory.Exists(host) ? new DirectoryInfo(host) : new FileInfo(host);

    private static FileSystemInfo Existing(string host, string path)
    {
        var info = Info(host);
        return info.Exists || info.LinkTarget is not null ? info : throw new VfsException($"'{path}': no such file or directory");
    }

    private static VfsEntry Describe(string path, FileSystemInfo info) => new(
        VfsPath.Name(path),
        path,
        info is FileInfo { LinkTarget: null } file ? file.Length : 0,
        new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
        info is DirectoryInfo,
        info.LinkTarget is not null,
        OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode);

    private Task<T> Run<T>(string path, Func<T> operation)
    {
        try
        {
            return Task.FromResult(operation());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Task.FromException<T>(ex is VfsException or NotSupportedException ? ex : Translate(path, ex));
        }
    }

    private Task Run(string path, Action operation) => Run(path, () =>
    {
        operation();
        return true;
    });

    private VfsException Translate(string path, Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => new VfsException($"'{path}': no such file or directory", exception),
        UnauthorizedAccessException => new VfsException($"'{path}': permission denied", exception),
        _ => new VfsException($"'{path}': {_jail.Redact(exception.Message)}", exception),
    };
}
