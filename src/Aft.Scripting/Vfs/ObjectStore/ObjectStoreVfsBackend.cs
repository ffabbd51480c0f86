namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// A VFS on an object store (S3 bucket, Azure container) under a key prefix. Folders are key prefixes: an empty
/// folder is kept by a zero-byte marker object (<see cref="IObjectStore.PutFolderAsync"/>), listings show common prefixes and markers as folders
/// (never the marker as a file), and renaming a folder copies every object below it, then deletes the originals
/// (not atomic: a failure half-way leaves some objects at both names). Writes are the store's own atomic uploads,
/// so there are no temporary names. Links, permissions, times and truncation do not exist.
/// </summary>
public sealed class ObjectStoreVfsBackend(IObjectStore store, ObjectTarget root) : IVfsBackend
{
    public VfsCapabilities Capabilities => VfsCapabilities.Resume | VfsCapabilities.ContentMd5;

    public VfsEndpoint? Endpoint => store.Endpoint;

    public int MaxConnections => store.MaxConnections;

    public Task<VfsEntry> StatAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async () =>
        {
            if (path == VfsPath.Root)
            {
                return Folder(path, DateTimeOffset.UnixEpoch);
            }

            if (await store.HeadAsync(root.Key(path), cancellationToken) is { } found)
            {
                return found.IsFolder ? Folder(path, found.ModTime) : File(path, found);
            }

            var below = await store.ListAsync(root.FolderKey(path), delimited: false, limit: 1, cancellationToken);
            return below.Objects.Count > 0 ? Folder(path, below.Objects[0].ModTime) : throw Missing(path);
        }, cancellationToken);

    public Task<VfsEntry> LstatAsync(string path, CancellationToken cancellationToken) => StatAsync(path, cancellationToken);

    public Task<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<VfsEntry>>(path, async () =>
        {
            var folderKey = root.FolderKey(path);
            var listing = await store.ListAsync(folderKey, delimited: true, int.MaxValue, cancellationToken);
            var entries = new List<VfsEntry>();
            var folders = new HashSet<string>(StringComparer.Ordinal);
            void AddFolder(string name, DateTimeOffset modTime)
            {
                if (folders.Add(name))
                {
                    entries.Add(Folder(VfsPath.Join(path, name), modTime));
                }
            }

            foreach (var prefix in listing.Prefixes)
            {
                if (prefix[folderKey.Length..].TrimEnd('/') is { Length: > 0 } name)
                {
                    AddFolder(name, DateTimeOffset.UnixEpoch);
                }
            }

            // The folder's own "folder/" marker is what keeps it when empty; it is not a file in it.
            var marked = false;
            foreach (var item in listing.Objects)
            {
                var name = item.Key[folderKey.Length..];
                marked |= name.Length == 0;
                if (name.Length == 0 || name.Contains('/'))
                {
                    continue;
                }

                if (item.IsFolder)
                {
                    AddFolder(name, item.ModTime);
                }
                else
                {
                    entries.Add(File(VfsPath.Join(path, name), item));
                }
            }

            if (entries.Count == 0 && !marked && path != VfsPath.Root)
            {
                return await store.HeadAsync(root.Key(path), cancellationToken) switch
                {
                    null => throw Missing(path),
                    { IsFolder: true } => entries,
                    _ => throw NotAFolder(path),
                };
            }

            return entries;
        }, cancellationToken);

    public Task MkdirAsync(string path, bool parents, CancellationToken cancellationToken) =>
        Run(path, async () =>
        {
            // With parents every level gets its marker, so removing the deepest folder keeps the others, as on a
            // disk; from the top down, so a file in the way stops it before anything is made below.
            var levels = new Stack<string>();
            for (var folder = path; folder != VfsPath.Root && (parents || levels.Count == 0); folder = Parent(folder))
            {
                levels.Push(folder);
            }

            foreach (var level in levels)
            {
                await store.PutFolderAsync(root.FolderKey(level), level, cancellationToken);
            }

            return true;
        }, cancellationToken);

    public Task RmdirAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async () =>
        {
            if (path == VfsPath.Root)
            {
                throw new VfsException("'/' is the VFS root; it cannot be removed");
            }

            var folderKey = root.FolderKey(path);
            var below = (await store.ListAsync(folderKey, delimited: false, limit: 2, cancellationToken)).Objects;
            if (below.Any(item => item.Key != folderKey))
            {
                throw new VfsException($"'{path}' is not empty");
            }

            var marker = below.Count > 0
                ? folderKey
                : await store.HeadAsync(root.Key(path), cancellationToken) switch
                {
                    null => throw Missing(path),
                    { IsFolder: true } found => found.Key,
                    _ => throw NotAFolder(path),
                };
            await store.DeleteAsync([marker], cancellationToken);
            return true;
        }, cancellationToken);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Run(source, async () =>
        {
            if (source == target)
            {
                return true;
            }

            if (source == VfsPath.Root || target == VfsPath.Root || target.StartsWith(source + "/", StringComparison.Ordinal))
            {
                throw new VfsException($"'{source}' cannot be moved to '{target}'");
            }

            var found = await store.HeadAsync(root.Key(source), cancellationToken);
            if (found is { IsFolder: false })
            {
                await store.CopyAsync(root.Key(source), root.Key(target), cancellationToken);
                await store.DeleteAsync([root.Key(source)], cancellationToken);
                return true;
            }

            var from = root.FolderKey(source);
            var to = root.FolderKey(target);
            var moves = (await store.ListAsync(from, delimited: false, int.MaxValue, cancellationToken)).Objects
                .Select(item => (From: item.Key, To: to + item.Key[from.Length..]))
                .ToList();
            if (found is not null)
            {
                moves.Add((found.Key, root.Key(target)));
            }

            if (moves.Count == 0)
            {
                throw Missing(source);
            }

            await Parallel.ForEachAsync(
                moves,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Min(store.MaxConnections, 16), CancellationToken = cancellationToken },
                async (move, token) => await store.CopyAsync(move.From, move.To, token));
            await store.DeleteAsync([.. moves.Select(move => move.From)], cancellationToken);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(string path, bool recursive, CancellationToken cancellationToken) =>
        Run(path, async () =>
        {
            var folderKey = root.FolderKey(path);
            if (recursive)
            {
                var below = (await store.ListAsync(folderKey, delimited: false, int.MaxValue, cancellationToken)).Objects.Select(item => item.Key);
                await store.DeleteAsync([.. path == VfsPath.Root ? below : below.Prepend(root.Key(path))], cancellationToken);
                return true;
            }

            var found = path == VfsPath.Root ? null : await store.HeadAsync(root.Key(path), cancellationToken);
            if (found is { IsFolder: false })
            {
                await store.DeleteAsync([found.Key], cancellationToken);
                return true;
            }

            throw found is not null || (await store.ListAsync(folderKey, delimited: false, limit: 1, cancellationToken)).Objects.Count > 0
                ? new VfsException($"'{path}' is a folder (use Rmdir or RemoveAll)")
                : Missing(path);
        }, cancellationToken);

    public Task SymlinkAsync(string target, string link, CancellationToken cancellationToken) =>
        throw new NotSupportedException("object stores have no symbolic links");

    public Task ChmodAsync(string path, int mode, CancellationToken cancellationToken) =>
        throw new NotSupportedException("object stores have no permission bits");

    public Task ChtimesAsync(string path, DateTimeOffset accessTime, DateTimeOffset modificationTime, CancellationToken cancellationToken) =>
        throw new NotSupportedException("object stores set the modification time themselves, on every write");

    public Task TruncateAsync(string path, long size, CancellationToken cancellationToken) =>
        throw new NotSupportedException("objects cannot be changed in place; write the file again");

    public Task<Stream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        Run(path, () => path == VfsPath.Root ? throw NotAFile(path) : store.OpenReadAsync(root.Key(path), path, offset, cancellationToken), cancellationToken);

    public Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken) =>
        Run(path, () => path == VfsPath.Root ? throw NotAFile(path) : store.WriteAsync(root.Key(path), path, content, options, cancellationToken), cancellationToken);

    public Task<long> TreeSizeAsync(string path, CancellationToken cancellationToken) =>
        Run(path, async () =>
        {
            var found = path == VfsPath.Root ? null : await store.HeadAsync(root.Key(path), cancellationToken);
            if (found is { IsFolder: false })
            {
                return found.Size;
            }

            var below = (await store.ListAsync(root.FolderKey(path), delimited: false, int.MaxValue, cancellationToken)).Objects;
            return below.Count > 0 || found is not null || path == VfsPath.Root ? below.Sum(item => item.Size) : throw Missing(path);
        }, cancellationToken);

    public void Dispose() => store.Dispose();

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : VfsPath.Root;

    private static VfsEntry File(string path, StoredObject stored) =>
        new(VfsPath.Name(path), path, stored.Size, stored.ModTime, IsDir: false, IsSymlink: false, Mode: 0, stored.Md5);

    private static VfsEntry Folder(string path, DateTimeOffset modTime) =>
        new(VfsPath.Name(path), path, 0, modTime, IsDir: true, IsSymlink: false, Mode: 0);

    private static VfsException Missing(string path) => new($"'{path}': no such file or directory");

    private static VfsException NotAFolder(string path) => new($"'{path}' is a file, not a folder");

    private static VfsException NotAFile(string path) => new($"'{path}' is a folder, not a file");

    private async Task<T> Run<T>(string path, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (VfsException ex) when (!ex.Message.Contains($"'{path}'", StringComparison.Ordinal))
        {
            // Failures of the endpoint (connect, limits, health) and of the content do not know the path.
            throw new VfsException($"'{path}': {ex.Message}", ex) { Transient = ex.Transient };
        }
        catch (Exception ex) when (ex is not (VfsException or NotSupportedException) && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw store.Translate($"'{path}'", ex);
        }
    }
}
