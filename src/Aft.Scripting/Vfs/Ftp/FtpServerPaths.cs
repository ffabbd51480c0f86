using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>
/// A VFS's paths on the FTP server, below its root: the server path of a VFS path, and what the server says about
/// one (its entry through MLST, SIZE and MDTM or its parent's listing; a folder's listing; walks of a tree).
/// </summary>
public sealed class FtpServerPaths(string root)
{
    /// <summary>
    /// Describes a path, or null when it does not exist: MLST where the server has it; else SIZE and MDTM for a
    /// file; else the entry in its parent's listing (directories, links, servers without SIZE).
    /// </summary>
    public async Task<VfsEntry?> TryStatAsync(FtpClient client, string path, bool follow, CancellationToken cancellationToken)
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
        var item = (await ListAsync(client, parent, cancellationToken)).FirstOrDefault(item => item.Name == name);
        return item is null ? null : await FollowAsync(client, Entry(path, item), follow, cancellationToken);
    }

    /// <summary>Whether a refused path is missing (rather than unreadable); false when that cannot be told.</summary>
    public async Task<bool> IsMissingAsync(FtpClient client, string path, CancellationToken cancellationToken)
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

    public async Task<IReadOnlyList<FtpListItem>> ListAsync(FtpClient client, string path, CancellationToken cancellationToken)
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

    public async Task RemoveTreeAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        foreach (var item in await ListAsync(client, path, cancellationToken))
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

    public async Task<long> SizeBelowAsync(FtpClient client, string path, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var item in await ListAsync(client, path, cancellationToken))
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

    public static VfsEntry Entry(string path, FtpListItem item) => new(
        VfsPath.Name(path),
        path,
        item.Kind == FtpItemKind.File ? item.Size : 0,
        item.Modified ?? DateTimeOffset.UnixEpoch,
        IsDir: item.Kind == FtpItemKind.Directory,
        IsSymlink: item.Kind == FtpItemKind.Link,
        Mode: item.Mode ?? 0);

    /// <summary>The server path of a normalized VFS path: below the root, which the path cannot climb out of.</summary>
    public string Remote(string path) => root == VfsPath.Root ? path : path == VfsPath.Root ? root : root + path;
}
