using System.Buffers;
using System.Security.Cryptography;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// Reads a write's content one part (S3) or block (Azure) at a time into a buffer, so each request has a known
/// length and MD5 and can be sent again, and counts what arrived: content shorter or longer than
/// <see cref="VfsContent.Length"/> fails before anything is completed.
/// </summary>
public sealed class ContentParts : IAsyncDisposable
{
    private const int MiB = 1024 * 1024;

    /// <summary>Past this a part no longer fits one buffer comfortably; such objects need more parts than the store allows.</summary>
    private const int MaxPartSize = 1024 * MiB;

    private readonly VfsContent _content;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _buffer;

    private ContentParts(VfsContent content, Stream stream, string path, long offset, int partSize)
    {
        _content = content;
        _stream = stream;
        _path = path;
        Position = offset;
        _buffer = ArrayPool<byte>.Shared.Rent(partSize);
    }

    /// <summary>Bytes of the content before the next part.</summary>
    public long Position { get; private set; }

    /// <summary>Whether every byte has been read.</summary>
    public bool Done => Position == _content.Length;

    /// <summary>
    /// The part size for <paramref name="length"/> bytes: <paramref name="minimum"/>, or larger (whole MiB) when
    /// the content would need more than <paramref name="maxParts"/> parts.
    /// </summary>
    public static int SizeFor(long length, int minimum, int maxParts, string path)
    {
        var needed = (length + maxParts - 1) / maxParts;
        var size = Math.Max(minimum, (needed + MiB - 1) / MiB * MiB);
        return size <= MaxPartSize
            ? (int)size
            : throw new VfsException($"'{path}': {length} bytes is more than this store takes in {maxParts} parts of at most {MaxPartSize / MiB} MiB");
    }

    /// <summary>Opens the content at <paramref name="offset"/> (the first part not yet stored).</summary>
    public static async Task<ContentParts> OpenAsync(VfsContent content, long offset, int partSize, string path, CancellationToken cancellationToken) =>
        new(content, await content.OpenAsync(offset, cancellationToken), path, offset, partSize);

    /// <summary>
    /// Reads the next part (<paramref name="partSize"/> bytes, or what is left), with its MD5. The memory is reused
    /// by the next call. After the last part, checks that the content has nothing more.
    /// </summary>
    public async Task<ContentPart> NextAsync(int partSize, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min(partSize, _content.Length - Position);
        var read = await _stream.ReadAtLeastAsync(_buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken);
        if (read < count)
        {
            throw new VfsException($"'{_path}': the content ended after {Position + read} of the {_content.Length} bytes announced");
        }

        Position += read;
        if (Done && await _stream.ReadAsync(new byte[1], cancellationToken) > 0)
        {
            throw new VfsException($"'{_path}': the content is longer than the {_content.Length} bytes announced");
        }

        return new ContentPart(_buffer, count, MD5.HashData(_buffer.AsSpan(0, count)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
