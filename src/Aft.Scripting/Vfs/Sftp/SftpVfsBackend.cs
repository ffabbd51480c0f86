using Aft.Scripting.Vfs.Connections;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// A VFS on an SFTP account, confined to a root folder. Every operation borrows a pooled session; uploads and
/// downloads use SSH.NET's pipelined paths (many requests in flight), never a request-and-wait loop.
/// </summary>
/// <remarks>
/// SSH.NET resolves every path with the server's realpath, which follows symbolic links: its "attributes" of a path
/// are therefore a stat, and Lstat reads the link's own entry from its folder listing instead.
/// </remarks>
public sealed class SftpVfsBackend(VfsConnectionPool<SftpConnection> pool, string root) : IVfsBackend
{
    private readonly string _root = root.TrimEnd('/');

    public VfsCapabilities Capabilities =>
        VfsCapabilities.Folders | VfsCapabilities.Symlinks | VfsCapabilities.Permissions | VfsCapabilities.Times
        | VfsCapabilities.Truncate | VfsCapabilities.Resume;

    public VfsEndpoint Endpoint => pool.Endpoint;

    public int MaxConnections => pool.MaxConnections;

    public Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(path, "stat", async (client, token) => Describe(path, await client.GetAttributesAsync(Remote(path), token), isLink: false), cancellationToken);

    public async Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken)
    {
        if (path == VfsPath.Root)
        {
            return await StatAsync(path, cancellationToken);
        }

        var parent = Parent(path);
        var entry = (await ListAsync(parent, cancellationToken)).FirstOrDefault(entry => entry.Name == VfsPath.Name(path));
        return entry is null
            ? throw new VfsException($"'{path}': no such file or directory")
            : entry with { Size = entry.IsSymlink ? 0 : entry.Size, IsDir = entry.IsDir && !entry.IsSymlink };
    }

    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<VfsEntry>>(path, "list", async (client, token) =>
        {
            var entries = new List<VfsEntry>();
            await foreach (var file in client.ListDirectoryAsync(Remote(path), token))
            {
                if (file.Name is "." or "..")
                {
                    continue;
                }

                var entryPath = VfsPath.Join(path, file.Name);
                var attributes = file.Attributes;
                if (attributes.IsSymbolicLink)
                {
                    // A listing describes the link itself; whether it leads to a folder takes a look at its target.
                    attributes = await TryTargetAsync(client, entryPath, token) ?? attributes;
                }

                entries.Add(Describe(entryPath, attributes, file.Attributes.IsSymbolicLink));
            }

            return entries;
        }, cancellationToken);

    public Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken) =>
        RunAsync(path, "mkdir", async (client, token) =>
        {
            if (!parents)
            {
                if (await client.ExistsAsync(Remote(path), token))
                {
                    throw new VfsException($"'{path}' already exists");
                }

                if (!await client.ExistsAsync(Remote(Parent(path)), token))
                {
                    throw new VfsException($"the parent folder of '{path}' does not exist");
                }

                await client.CreateDirectoryAsync(Remote(path), token);
                return true;
            }

            var missing = new Stack<string>();
            for (var folder = path; folder != VfsPath.Root && !await IsFolderAsync(client, folder, token); folder = Parent(folder))
            {
                missing.Push(folder);
            }

            while (missing.TryPop(out var folder))
            {
                await client.CreateDirectoryAsync(Remote(folder), token);
            }

            return true;
        }, cancellationToken);

    public Task RmdirAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(path, "rmdir", async (client, token) =>
        {
            await client.DeleteDirectoryAsync(Remote(path), token);
            return true;
        }, cancellationToken);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        RunAsync(source, "rename", (client, token) =>
        {
            // posix-rename@openssh.com replaces an existing target as rename(2) does; plain SFTP rename refuses to.
            client.RenameFile(Remote(source), Remote(target), isPosix: true);
            return Task.FromResult(true);
        }, cancellationToken);

    public Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken) =>
        RunAsync(path, "remove", async (client, token) =>
        {
            if (!recursive)
            {
                if (await IsFolderAsync(client, path, token) && !await IsLinkAsync(client, path, token))
                {
                    throw new VfsException($"'{path}' is a directory (use Rmdir or RemoveAll)");
                }

                await client.DeleteFileAsync(Remote(path), token);
                return true;
            }

            if (!await client.ExistsAsync(Remote(path), token) && !await IsLinkAsync(client, path, token))
            {
                return true;
            }

            await RemoveTreeAsync(client, path, token);
            return true;
        }, cancellationToken);

    public Task SymlinkAsync(string target, string link, CancellationToken cancellationToken) =>
        RunAsync(link, "symlink", (client, token) =>
        {
            client.SymbolicLink(Remote(target), Remote(link));
            return Task.FromResult(true);
        }, cancellationToken);

    public Task ChmodAsync(string path, int mode, CancellationToken cancellationToken) =>
        ChangeAttributesAsync(path, "chmod", attributes => SftpModes.Apply(attributes, mode), cancellationToken);

    public Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken) =>
        ChangeAttributesAsync(path, "chtimes", attributes =>
        {
            attributes.LastAccessTimeUtc = accessTime.UtcDateTime;
            attributes.LastWriteTimeUtc = modificationTime.UtcDateTime;
        }, cancellationToken);

    public Task TruncateAsync(string path, long size, CancellationToken cancellationToken) =>
        ChangeAttributesAsync(path, "truncate", attributes => attributes.Size = size, cancellationToken);

    public async Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        var rented = await pool.RentAsync(cancellationToken);
        try
        {
            var stream = await rented.Connection.Client.OpenAsync(Remote(path), FileMode.Open, FileAccess.Read, cancellationToken);
            if (offset > 0)
            {
                stream.Seek(offset, SeekOrigin.Begin);
            }

            return new SftpReadStream(stream, rented, path);
        }
        catch (Exception ex)
        {
            var error = SftpErrors.Translate(ex, path, "open");
            if (VfsConnectionPool<SftpConnection>.IsConnectionLost(error, rented.Connection))
            {
                rented.Broken();
            }

            await rented.DisposeAsync();
            throw error;
        }
    }

    public async Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var writing = options.Direct ? path : VfsTempName.For(path, options.ResumeKey);
        await using var rented = await pool.RentAsync(cancellationToken);
        var client = rented.Connection.Client;
        try
        {
            var resumeFrom = !options.Direct && options.ResumeKey is not null && content.Resumable
                ? Math.Min(await SizeIfExistsAsync(client, writing, cancellationToken), content.Length)
                : 0;

            await using (var input = await content.OpenAsync(resumeFrom, cancellationToken))
            {
                if (resumeFrom == 0)
                {
                    await client.UploadFileAsync(input, Remote(writing), true, null, cancellationToken);
                }
                else
                {
                    await AppendAsync(client, writing, resumeFrom, input, cancellationToken);
                }
            }

            var stored = (await client.GetAttributesAsync(Remote(writing), cancellationToken)).Size;
            if (stored != content.Length)
            {
                throw new VfsException($"'{path}': {stored} of {content.Length} bytes were stored");
            }

            if (!options.Direct)
            {
                client.RenameFile(Remote(writing), Remote(path), isPosix: true);
            }

            return new VfsWriteResult(stored, resumeFrom);
        }
        catch (Exception ex)
        {
            var error = SftpErrors.Translate(ex, path, "write");
            if (VfsConnectionPool<SftpConnection>.IsConnectionLost(error, rented.Connection))
            {
                rented.Broken();
            }
            else if (options.Direct || !VfsTempName.KeepPartial(options, error))
            {
                await DeleteQuietlyAsync(client, writing);
            }

            throw error;
        }
    }

    public Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(path, "tree size", async (client, token) =>
        {
            var attributes = await client.GetAttributesAsync(Remote(path), token);
            return attributes.IsDirectory ? await SizeBelowAsync(client, path, token) : attributes.Size;
        }, cancellationToken);

    public void Dispose()
    {
        // Sessions belong to the pool; nothing is held between operations.
    }

    private string Remote(string path) => path == VfsPath.Root ? (_root.Length == 0 ? "/" : _root) : _root + path;

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : VfsPath.Root;

    private Task<T> RunAsync<T>(string path, string action, Func<Renci.SshNet.SftpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        pool.RunAsync(async (connection, token) =>
        {
            try
            {
                return await operation(connection.Client, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                throw SftpErrors.Translate(ex, path, action);
            }
        }, cancellationToken);

    private Task ChangeAttributesAsync(string path, string action, Action<SftpFileAttributes> change, CancellationToken cancellationToken) =>
        RunAsync(path, action, async (client, token) =>
        {
            var attributes = await client.GetAttributesAsync(Remote(path), token);
            change(attributes);
            client.SetAttributes(Remote(path), attributes);
            return true;
        }, cancellationToken);

    private async Task<bool> IsFolderAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetAttributesAsync(Remote(path), cancellationToken)).IsDirectory;
        }
        catch (SftpPathNotFoundException)
        {
            return false;
        }
    }

    private async Task<bool> IsLinkAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        await foreach (var file in client.ListDirectoryAsync(Remote(Parent(path)), cancellationToken))
        {
            if (file.Name == VfsPath.Name(path))
            {
                return file.Attributes.IsSymbolicLink;
            }
        }

        return false;
    }

    private async Task<SftpFileAttributes?> TryTargetAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAttributesAsync(Remote(path), cancellationToken);
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    private async Task<long> SizeIfExistsAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetAttributesAsync(Remote(path), cancellationToken)).Size;
        }
        catch (SftpPathNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Continues a partial upload. SSH.NET's pipelined upload always starts a file over, so the rest goes through a
    /// file stream positioned at the end of what is there.
    /// </summary>
    private async Task AppendAsync(Renci.SshNet.SftpClient client, string path, long offset, Stream input, CancellationToken cancellationToken)
    {
        await using var output = await client.OpenAsync(Remote(path), FileMode.Open, FileAccess.Write, cancellationToken);
        output.SetLength(offset);
        output.Seek(offset, SeekOrigin.Begin);
        await input.CopyToAsync(output, 256 * 1024, cancellationToken);
    }

    private async Task DeleteQuietlyAsync(Renci.SshNet.SftpClient client, string path)
    {
        try
        {
            await client.DeleteFileAsync(Remote(path), CancellationToken.None);
        }
        catch (Exception ex) when (ex is SshException or IOException)
        {
            // Nothing was written under this name, or the session is going away; either way there is nothing to undo.
        }
    }

    private async Task RemoveTreeAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        var isLink = await IsLinkAsync(client, path, cancellationToken);
        if (isLink || !await IsFolderAsync(client, path, cancellationToken))
        {
            await client.DeleteFileAsync(Remote(path), cancellationToken);
            return;
        }

        await foreach (var file in client.ListDirectoryAsync(Remote(path), cancellationToken))
        {
            if (file.Name is "." or "..")
            {
                continue;
            }

            var child = VfsPath.Join(path, file.Name);
            if (file.Attributes.IsDirectory && !file.Attributes.IsSymbolicLink)
            {
                await RemoveTreeAsync(client, child, cancellationToken);
            }
            else
            {
                await client.DeleteFileAsync(Remote(child), cancellationToken);
            }
        }

        await client.DeleteDirectoryAsync(Remote(path), cancellationToken);
    }

    private async Task<long> SizeBelowAsync(Renci.SshNet.SftpClient client, string path, CancellationToken cancellationToken)
    {
        long total = 0;
        await foreach (var file in client.ListDirectoryAsync(Remote(path), cancellationToken))
        {
            if (file.Name is "." or ".." || file.Attributes.IsSymbolicLink)
            {
                continue;
            }

            total += file.Attributes.IsDirectory ? await SizeBelowAsync(client, VfsPath.Join(path, file.Name), cancellationToken) : file.Attributes.Size;
        }

        return total;
    }

    private static VfsEntry Describe(string path, SftpFileAttributes attributes, bool isLink) => new(
        VfsPath.Name(path),
        path,
        attributes.IsDirectory ? 0 : attributes.Size,
        new DateTimeOffset(attributes.LastWriteTimeUtc, TimeSpan.Zero),
        attributes.IsDirectory,
        isLink,
        SftpModes.Of(attributes));
}
