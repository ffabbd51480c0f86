namespace Aft.Scripting.Vfs.Disk;

/// <summary>
/// Writes a local file under a temporary name in the same folder and renames it into place, so readers (and
/// watchers on that folder) never see a half-written file, and a failed write leaves nothing under its name.
/// </summary>
public static class AtomicFile
{
    private const int BufferBytes = 128 * 1024;

    /// <summary>Fills the file with <paramref name="write"/> (a zip writer, say).</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath(path, resumeKey: null);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
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

    /// <summary>
    /// Stores <paramref name="content"/> at <paramref name="path"/>: under a temporary name unless
    /// <see cref="VfsWriteOptions.Direct"/>, resuming a partial file left by an earlier try with the same resume key,
    /// and renamed into place only when its size is right.
    /// </summary>
    public static async Task<VfsWriteResult> WriteAsync(string path, VfsContent content, VfsWriteOptions options, CancellationToken cancellationToken)
    {
        var writing = options.Direct ? path : TemporaryPath(path, options.ResumeKey);
        var resumeFrom = !options.Direct && options.ResumeKey is not null && content.Resumable && File.Exists(writing)
            ? Math.Min(new FileInfo(writing).Length, content.Length)
            : 0;
        try
        {
            await using (var output = new FileStream(writing, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
            {
                output.SetLength(resumeFrom);
                output.Position = resumeFrom;
                await using var input = await content.OpenAsync(resumeFrom, cancellationToken);
                await input.CopyToAsync(output, BufferBytes, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }

            var length = new FileInfo(writing).Length;
            if (length != content.Length)
            {
                throw new VfsException($"{length} of {content.Length} bytes were written");
            }

            if (!options.Direct)
            {
                File.Move(writing, path, overwrite: true);
            }

            return new VfsWriteResult(length, resumeFrom);
        }
        catch (Exception ex)
        {
            if (options.Direct || !VfsTempName.KeepPartial(options, ex))
            {
                File.Delete(writing);
            }

            throw;
        }
    }

    private static string TemporaryPath(string path, string? resumeKey)
    {
        var full = Path.GetFullPath(path);
        return Path.Join(Path.GetDirectoryName(full), Path.GetFileName(VfsTempName.For("/" + Path.GetFileName(full), resumeKey)));
    }
}
