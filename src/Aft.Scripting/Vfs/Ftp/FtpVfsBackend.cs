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
    private readonly FtpServerPaths _paths = new(root);

    public VfsCapabilities Capabilities => VfsCapabilities.Folders | VfsCapabilities.Resume | VfsCapabilities.Times;

    public VfsEndpoint? Endpoint => pool.Endpoint;

    public int MaxConnections => pool.MaxConnections;

    public Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) => await _paths.TryStatAsync(client, path, follow: true, token) ?? throw FtpErrors.Missing(path), cancellationToken);

    public Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) => await _paths.TryStatAsync(client, path, follow: false, token) ?? throw FtpErrors.Missing(path), cancellationToken);

    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<VfsEntry>>(path, async (client, token) => [.. (await _paths.ListAsync(client, path, token)).Select(item => FtpServerPaths.Entry(VfsPath.Join(path, item.Name), item))],
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
                if (!await client.IsDirectoryAsync(_paths.Remote(folder), token))
                {
                    await MakeOneAsync(client, folder, token);
                }
            }

            return true;
        }, cancellationToken);

    public Task RmdirAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async (client, token) =>
        {
            if (await _paths.TryStatAsync(client, path, follow: false, token) is not { IsDir: true })
            {
                throw new VfsException($"'{path}' is not a directory");
            }

            await client.RemoveDirectoryAsync(_paths.Remote(path), token);
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
            var entry = await _paths.TryStatAsync(client, path, follow: false, token);
            if (entry is null)
            {
                return recursive ? true : throw FtpErrors.Missing(path);
            }

            if (!entry.IsDir)
            {
                await client.DeleteFileAsync(_paths.Remote(path), token);
            }
            else if (recursive)
            {
                await _paths.RemoveTreeAsync(client, path, token);
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
                await client.SetModifiedAsync(_paths.Remote(path), modificationTime, token);
            }
            catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
            {
                throw await _paths.IsMissingAsync(client, path, token) ? FtpErrors.Missing(path) : ex;
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
                var stream = await rented.Connection.Client.OpenReadAsync(_paths.Remote(path), offset, cancellationToken);
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
                    throw FtpErrors.IsRefusal(ex) && await _paths.IsMissingAsync(rented.Connection.Client, path, cancellationToken)
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
            var entry = await _paths.TryStatAsync(client, path, follow: true, token) ?? throw FtpErrors.Missing(path);
            return entry.IsDir ? await _paths.SizeBelowAsync(client, path, token) : entry.Size;
        }, cancellationToken);

    public void Dispose()
    {
        // The connections belong to the node's pool, which keeps them for the next job.
    }

    private async Task<VfsWriteResult> WriteCoreAsync(
        FtpClient client, string path, string writing, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        long resumeFrom = 0;
        if (!options.Direct && options.ResumeKey is not null && content.Resumable && await client.SizeAsync(_paths.Remote(writing), cancellationToken) is { } partial)
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
        var stored = await client.SizeAsync(_paths.Remote(writing), cancellationToken) ?? (await _paths.TryStatAsync(client, writing, follow: false, cancellationToken))?.Size;
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
        return await client.StoreAsync(_paths.Remote(writing), input, offset, cancellationToken);
    }

    /// <summary>RNFR + RNTO; a server that does not rename over an existing file has that file removed first (not atomic there).</summary>
    private async Task RenameReplacingAsync(FtpClient client, string source, string target, CancellationToken cancellationToken)
    {
        try
        {
            await client.RenameAsync(_paths.Remote(source), _paths.Remote(target), cancellationToken);
        }
        catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
        {
            if (await _paths.TryStatAsync(client, target, follow: false, cancellationToken) is not { IsDir: false })
            {
                throw await _paths.TryStatAsync(client, source, follow: false, cancellationToken) is null ? FtpErrors.Missing(source) : ex;
            }

            await client.DeleteFileAsync(_paths.Remote(target), cancellationToken);
            await client.RenameAsync(_paths.Remote(source), _paths.Remote(target), cancellationToken);
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
                await rented.Connection.Client.DeleteFileAsync(_paths.Remote(writing), limit.Token);
            }
            else
            {
                await rented.DisposeAsync();
                await pool.RunAsync((connection, token) => connection.Client.DeleteFileAsync(_paths.Remote(writing), token), limit.Token);
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
            await client.MakeDirectoryAsync(_paths.Remote(path), cancellationToken);
        }
        catch (FtpException ex) when (FtpErrors.IsRefusal(ex))
        {
            if (await _paths.TryStatAsync(client, path, follow: false, cancellationToken) is not null)
            {
                throw new VfsException($"'{path}' already exists");
            }

            if (path.LastIndexOf('/') is var slash and > 0 && !await client.IsDirectoryAsync(_paths.Remote(path[..slash]), cancellationToken))
            {
                throw new VfsException($"the parent folder of '{path}' does not exist");
            }

            throw;
        }
    }

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
