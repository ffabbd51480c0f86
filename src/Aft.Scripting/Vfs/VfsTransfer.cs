namespace Aft.Scripting.Vfs;

/// <summary>
/// Copies files and folder trees between two backends by streaming (no file is held in memory). Each file is
/// written with <see cref="IVfsBackend.WriteAsync"/>, so it appears at the destination only once complete.
/// </summary>
public static class VfsTransfer
{
    /// <summary>Copies <paramref name="sourcePath"/> (a file, or a folder with everything below it) to <paramref name="targetPath"/>.</summary>
    /// <returns>Whether the source was a folder.</returns>
    public static async Task<bool> CopyAsync(
        IVfsBackend source, string sourcePath, IVfsBackend target, string targetPath, int bufferBytes, CancellationToken cancellationToken)
    {
        var root = await source.StatAsync(sourcePath, cancellationToken);
        if (!root.IsDir)
        {
            await CopyFileAsync(source, sourcePath, target, targetPath, bufferBytes, cancellationToken);
            return false;
        }

        // The whole tree is listed before anything is written, so copying a folder into itself terminates.
        var entries = new List<(string Relative, bool IsDir)>();
        await CollectAsync(source, sourcePath, string.Empty, entries, cancellationToken);

        await target.MkdirAsync(targetPath, parents: true, cancellationToken);
        foreach (var (relative, isDir) in entries)
        {
            var to = targetPath.TrimEnd('/') + relative;
            if (isDir)
            {
                await target.MkdirAsync(to, parents: true, cancellationToken);
            }
            else
            {
                await CopyFileAsync(source, sourcePath.TrimEnd('/') + relative, target, to, bufferBytes, cancellationToken);
            }
        }

        return true;
    }

    private static async Task CopyFileAsync(
        IVfsBackend source, string sourcePath, IVfsBackend target, string targetPath, int bufferBytes, CancellationToken cancellationToken)
    {
        await using var input = await source.OpenReadAsync(sourcePath, 0, cancellationToken);
        await target.WriteAsync(targetPath, (output, token) => input.CopyToAsync(output, bufferBytes, token), cancellationToken);
    }

    private static async Task CollectAsync(
        IVfsBackend source, string directory, string relative, List<(string Relative, bool IsDir)> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in (await source.ListAsync(directory, cancellationToken)).OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            var entryRelative = relative + "/" + entry.Name;
            if (entry.IsDir && entry.IsSymlink)
            {
                // Linked folders are not descended: they may loop back into the tree.
                continue;
            }

            entries.Add((entryRelative, entry.IsDir));
            if (entry.IsDir)
            {
                await CollectAsync(source, entry.Path, entryRelative, entries, cancellationToken);
            }
        }
    }
}
