namespace Aft.Scripting.Vfs.Disk;

/// <summary>
/// Writes a local file under a temporary name in the same folder and renames it into place, so readers (and
/// watchers on that folder) never see a half-written file, and a failed write leaves nothing behind.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Join(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.aft-tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
