using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>
/// A VFS on an FTP or FTPS account, below a root folder of the server. Every operation borrows a pooled control
/// connection (a read stream holds one until disposed). Files are written under a temporary name, checked with
/// SIZE, and renamed into place; a partial upload with a resume key is continued with REST + STOR (or APPE).
/// Modification times are set with MFMT, or MDTM with a time where the server lacks MFMT (vsftpd).
/// </summary>
public sealed class FtpVfsBackend(VfsConnectionPool<FtpConnection> pool, string root) : IVfsBackend
{
    public VfsCapabilities Capabilities => VfsCapabilities.Folders | VfsCapabilities.Resume | VfsCapabilities.Times;

    public VfsEndpoint? Endpoint => pool.Endpoint;

    public int MaxConnections => pool.MaxConnections;

    public Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) => await TryStatAsync(client, path, follow: true, token) ?? throw FtpErrors.Missing(path), cancellationToken);

    public Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) => await TryStatAsync(client, path, follow: false, token) ?? throw FtpErrors.Missing(path), cancellationToken);

    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<VfsEntry>>(path, async (client, token) => [.. (await ListCoreAsync(client, path, token)).Select(item => Entry(VfsPath.Join(path, item.Name), item))],
            cancellationToken);

    public Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            if (!parents)
            {
                await MakeOneAsync(client, path, token);
                return true;
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var folder = VfsPath.Root;
            foreach (var segment in segments)
            {
                folder = VfsPath.Join(folder, segment);
                if (!await client.IsDirectoryAsync(Remote(folder), token))
                {
                    await MakeOneAsync(client, folder, token);
                }
            }

            return true;
        }, cancellationToken);

    public Task RmdirAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            if (await TryStatAsync(client, path, follow: false, token) is not { IsDir: true })
            {
                throw new VfsException($"'{path}' is not a directory");
            }

            await client.RemoveDirectoryAsync(Remote(path), token);
            return true;
        }, cancellationToken);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Run(source, async (client, token) =>
        {
            await RenameReplacingAsync(client, source, target, token);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            var entry = await TryStatAsync(client, path, follow: false, token);
            if (entry is null)
            {
                return recursive ? true : throw FtpErrors.Missing(path);
            }

            if (!entry.IsDir)
            {
                await client.DeleteFileAsync(Remote(path), token);
            }
            else if (recursive)
            {
                await RemoveTreeAsync(client, path, token);
            }
            else
            {
                throw new VfsException($"'{path}' is a directory (use Rmdir or RemoveAll)");
            }

            return true;
        }, cancellationToken);

    public Task SymlinkAsync(string target, string link, CancellationToken cancellationToken) =>
        throw new NotSupportedException("FTP cannot create symbolic links");

    public Task ChmodAsync(string path, int mode, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the FTP VFS does not set permissions");

    /// <summary>Sets the modification time (FTP has no access time).</summary>
    public Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            try
            {
                await client.SetModifiedAsync(Remote(path), modificationTime, token);
            }
            catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
            {
                throw await IsMissingAsync(client, path, token) ? FtpErrors.Missing(path) : ex;
            }

            return true;
        }, cancellationToken);

    public Task TruncateAsync(string path, long size, CancellationToken cancellationToken) =>
        throw new NotSupportedException("FTP cannot truncate a file in place");

    public async Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            var rented = await pool.RentAsync(cancellationToken);
            try
            {
                var stream = await rented.Connection.Client.OpenReadAsync(Remote(path), offset, cancellationToken);
                return new FtpPooledReadStream(stream, rented, path);
            }
            catch (Exception) when (rented.Reused && !rented.Connection.IsConnected && !cancellationToken.IsCancellationRequested)
            {
                // An idle connection the server had dropped: try once more on a new one.
                await rented.DisposeAsync();
            }
            catch (Exception ex)
            {
                try
                {
                    throw FtpErrors.IsRefusal(ex) && await IsMissingAsync(rented.Connection.Client, path, cancellationToken)
                        ? FtpErrors.Missing(path)
                        : FtpErrors.Translate(path, ex);
                }
                finally
                {
                    await rented.DisposeAsync();
                }
            }
        }
    }

    public async Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var writing = options.Direct ? path : VfsTempName.For(path, options.ResumeKey);
        var rented = await pool.RentAsync(cancellationToken);
        try
        {
            return await WriteCoreAsync(rented.Connection.Client, path, writing, content, options, cancellationToken);
        }
        catch (Exception ex)
        {
            if (options.Direct || !VfsTempName.KeepPartial(options, ex))
            {
                await DeleteQuietlyAsync(rented, writing);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw FtpErrors.Translate(path, ex);
        }
        finally
        {
            await rented.DisposeAsync();
        }
    }

    public Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            var entry = await TryStatAsync(client, path, follow: true, token) ?? throw FtpErrors.Missing(path);
            return entry.IsDir ? await SizeBelowAsync(client, path, token) : entry.Size;
        }, cancellationToken);

    public void Dispose()
    {
        // The connections belong to the node's pool, which keeps them for the next job.
    }

    private async Task<VfsWriteResult> WriteCoreAsync(
        FtpClient client, string path, string writing, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        long resumeFrom = 0;
        if (!options.Direct && options.ResumeKey is not null && content.Resumable && await client.SizeAsync(Remote(writing), cancellationToken) is { } partial)
        {
            // A partial file longer than the content is not a prefix of it: start over.
            resumeFrom = partial <= content.Length ? partial : 0;
        }

        long sent;
        try
        {
            sent = await UploadAsync(client, writing, content, resumeFrom, cancellationToken);
        }
        catch (FtpException ex) when (resumeFrom > 0 && ex.Command == "APPE" && client.IsConnected)
        {
            // The server allows neither REST before STOR nor APPE (proftpd without AllowStoreRestart): start over.
            resumeFrom = 0;
            sent = await UploadAsync(client, writing, content, 0, cancellationToken);
        }

        // SIZE, or the listing where a server has no SIZE.
        var stored = await client.SizeAsync(Remote(writing), cancellationToken) ?? (await TryStatAsync(client, writing, follow: false, cancellationToken))?.Size;
        if (resumeFrom + sent != content.Length || stored != content.Length)
        {
            throw new VfsException($"'{path}': {stored ?? resumeFrom + sent} of {content.Length} bytes were stored");
        }

        if (!options.Direct)
        {
            await RenameReplacingAsync(client, writing, path, cancellationToken);
        }

        return new VfsWriteResult(content.Length, resumeFrom);
    }

    private async Task<long> UploadAsync(FtpClient client, string writing, VfsContent content, long offset, CancellationToken cancellationToken)
    {
        await using var input = await content.OpenAsync(offset, cancellationToken);
        return await client.StoreAsync(Remote(writing), input, offset, cancellationToken);
    }

    /// <summary>RNFR + RNTO; a server that does not rename over an existing file has that file removed first (not atomic there).</summary>
    private async Task RenameReplacingAsync(FtpClient client, string source, string target, CancellationToken cancellationToken)
    {
        try
        {
            await client.RenameAsync(Remote(source), Remote(target), cancellationToken);
        }
        catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
        {
            if (await TryStatAsync(client, target, follow: false, cancellationToken) is not { IsDir: false })
            {
                throw await TryStatAsync(client, source, follow: false, cancellationToken) is null ? FtpErrors.Missing(source) : ex;
            }

            await client.DeleteFileAsync(Remote(target), cancellationToken);
            await client.RenameAsync(Remote(source), Remote(target), cancellationToken);
        }
    }

    /// <summary>Removes a failed write's temporary file: on the same connection while it works, else on another one.</summary>
    private async Task DeleteQuietlyAsync(PooledConnection<FtpConnection> rented, string writing)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (rented.Connection.IsConnected)
            {
                await rented.Connection.Client.DeleteFileAsync(Remote(writing), limit.Token);
            }
            else
            {
                await rented.DisposeAsync();
                await pool.RunAsync((connection, token) => connection.Client.DeleteFileAsync(Remote(writing), token), limit.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Nothing was written, or the server is gone; a leftover temporary name is hidden and never the final one.
        }
    }

    private async Task MakeOneAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            await client.MakeDirectoryAsync(Remote(path), cancellationToken);
        }
        catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
        {
            if (await TryStatAsync(client, path, follow: false, cancellationToken) is not null)
            {
                throw new VfsException($"'{path}' already exists");
            }

            if (path.LastIndexOf('/') is var slash and > 0 && !await client.IsDirectoryAsync(Remote(path[..slash]), cancellationToken))
            {
                throw new VfsException($"the parent folder of '{path}' does not exist");
            }

            throw;
        }
    }

    /// <summary>
    /// Describes a path, or null when it does not exist: MLST where the server has it; else SIZE and MDTM for a
    /// file; else the entry in its parent's listing (directories, links, servers without SIZE).
    /// </summary>
    private async Task<VfsEntry?> TryStatAsync(FtpClient client, string path, bool follow, CancellationToken cancellationToken)
    {
        var remote = Remote(path);
        if (client.Features.Mlst)
        {
            var facts = await client.MlstAsync(remote, cancellationToken);
            return facts is null ? null : await FollowAsync(client, Entry(path, facts), follow, cancellationToken);
        }

        if (path == VfsPath.Root)
        {
            return await client.IsDirectoryAsync(remote, cancellationToken)
                ? new VfsEntry(string.Empty, path, 0, DateTimeOffset.UnixEpoch, IsDir: true, IsSymlink: false, Mode: 0)
                : throw new VfsException("the VFS root folder does not exist on the server");
        }

        if (follow && await client.SizeAsync(remote, cancellationToken) is { } size)
        {
            var modified = await client.ModifiedAsync(remote, cancellationToken) ?? DateTimeOffset.UnixEpoch;
            return new VfsEntry(VfsPath.Name(path), path, size, modified, IsDir: false, IsSymlink: false, Mode: 0);
        }

        var parent = path[..Math.Max(1, path.LastIndexOf('/'))];
        if (!await client.IsDirectoryAsync(Remote(parent), cancellationToken))
        {
            return null;
        }

        var name = VfsPath.Name(path);
        var item = (await ListCoreAsync(client, parent, cancellationToken)).FirstOrDefault(item => item.Name == name);
        return item is null ? null : await FollowAsync(client, Entry(path, item), follow, cancellationToken);
    }

    /// <summary>Whether a refused path is missing (rather than unreadable); false when that cannot be told.</summary>
    private async Task<bool> IsMissingAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return client.IsConnected && await TryStatAsync(client, path, follow: true, cancellationToken) is null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Stat follows a link: to a file when SIZE answers for it, to a directory when it can be entered.</summary>
    private async Task<VfsEntry> FollowAsync(FtpClient client, VfsEntry entry, bool follow, CancellationToken cancellationToken)
    {
        if (!follow || !entry.IsSymlink)
        {
            return entry;
        }

        var remote = Remote(entry.Path);
        return await client.SizeAsync(remote, cancellationToken) is { } size
            ? entry with { Size = size, IsSymlink = false }
            : await client.IsDirectoryAsync(remote, cancellationToken) ? entry with { IsDir = true, IsSymlink = false } : entry;
    }

    private async Task<IReadOnlyList<FtpListItem>> ListCoreAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ListAsync(Remote(path), cancellationToken);
        }
        catch (FtpException ex) when (FtpErrors.IsRefusal(ex) && ex.Command == "CWD")
        {
            throw await TryStatAsync(client, path, follow: true, cancellationToken) is { IsDir: false }
                ? new VfsException($"'{path}' is not a directory")
                : FtpErrors.Missing(path);
        }
    }

    private async Task RemoveTreeAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        foreach (var item in await ListCoreAsync(client, path, cancellationToken))
        {
            var child = VfsPath.Join(path, item.Name);
            if (item.Kind == FtpItemKind.Directory)
            {
                await RemoveTreeAsync(client, child, cancellationToken);
            }
            else
            {
                await client.DeleteFileAsync(Remote(child), cancellationToken);
            }
        }

        if (path != VfsPath.Root)
        {
            await client.RemoveDirectoryAsync(Remote(path), cancellationToken);
        }
    }

    private async Task<long> SizeBelowAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var item in await ListCoreAsync(client, path, cancellationToken))
        {
            total += item.Kind switch
            {
                FtpItemKind.File => item.Size,
                FtpItemKind.Directory => await SizeBelowAsync(client, VfsPath.Join(path, item.Name), cancellationToken),
                _ => 0,
            };
        }

        return total;
    }

    private static VfsEntry Entry(string path, FtpListItem item) => new(
        VfsPath.Name(path),
        path,
        item.Kind == FtpItemKind.File ? item.Size : 0,
        item.Modified ?? DateTimeOffset.UnixEpoch,
        IsDir: item.Kind == FtpItemKind.Directory,
        IsSymlink: item.Kind == FtpItemKind.Link,
        Mode: item.Mode ?? 0);

    /// <summary>The server path of a normalized VFS path: below the root, which the path cannot climb out of.</summary>
    private string Remote(string path) => root == VfsPath.Root ? path : path == VfsPath.Root ? root : root + path;

    private async Task<T> Run<T>(string path, Func<FtpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await pool.RunAsync((connection, token) => operation(connection.Client, token), cancellationToken);
        }
        catch (FtpException ex)
        {
            throw FtpErrors.Translate(path, ex);
        }
    }
}
