using System.Buffers;
using System.Security.Cryptography;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// Reads a write's content one part (S3) or block (Azure) at a time into a buffer, so each request has a known
/// length and MD5 and can be sent again, and counts what arrived: content shorter or longer than
/// <see cref="VfsContent.Length"/> fails before anything is completed. Two buffers take turns, so the next part is
/// read and hashed while the previous one is on its way (<see cref="SendAllAsync{T}"/>).
/// </summary>
public sealed class ContentParts : IAsyncDisposable
{
    private const int MiB = 1024 * 1024;

    /// <summary>Past this a part no longer fits one buffer comfortably; such objects need more parts than the store allows.</summary>
    private const int MaxPartSize = 1024 * MiB;

    private readonly VfsContent _content;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[][] _buffers;
    private int _turn;

    private ContentParts(VfsContent content, Stream stream, string path, long offset, int partSize)
    {
        _content = content;
        _stream = stream;
        _path = path;
        Position = offset;
        _buffers = [ArrayPool<byte>.Shared.Rent(partSize), ArrayPool<byte>.Shared.Rent(partSize)];
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
    /// Reads the next part (<paramref name="partSize"/> bytes, or what is left), with its MD5. Its memory is reused
    /// by the call after next. After the last part, checks that the content has nothing more.
    /// </summary>
    public async Task<ContentPart> NextAsync(int partSize, CancellationToken cancellationToken)
    {
        var buffer = _buffers[_turn++ % _buffers.Length];
        var count = (int)Math.Min(partSize, _content.Length - Position);
        var read = await _stream.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken);
        if (read < count)
        {
            throw new VfsException($"'{_path}': the content ended after {Position + read} of the {_content.Length} bytes announced");
        }

        Position += read;
        if (Done && await _stream.ReadAsync(new byte[1], cancellationToken) > 0)
        {
            throw new VfsException($"'{_path}': the content is longer than the {_content.Length} bytes announced");
        }

        return new ContentPart(buffer, count, MD5.HashData(buffer.AsSpan(0, count)));
    }

    /// <summary>
    /// Sends every part still to read, one request at a time and in order, reading the next part while the previous
    /// one is sent (a stream copy plus an MD5 pass per part that no longer waits for the network).
    /// <paramref name="sent"/> runs for each part, in order, once its request has succeeded.
    /// </summary>
    public async Task SendAllAsync<T>(int partSize, Func<ContentPart, CancellationToken, Task<T>> send, Action<ContentPart, T> sent, CancellationToken cancellationToken)
    {
        (ContentPart Part, Task<T> Request)? inFlight = null;
        try
        {
            while (!Done)
            {
                var part = await NextAsync(partSize, cancellationToken);
                if (inFlight is var (previous, request))
                {
                    inFlight = null;
                    sent(previous, await request);
                }

                inFlight = (part, send(part, cancellationToken));
            }

            if (inFlight is var (last, lastRequest))
            {
                inFlight = null;
                sent(last, await lastRequest);
            }
        }
        finally
        {
            // Reading the next part failed while a request was on its way. It may still be reading its buffer, so it
            // must end before the buffers go back to the pool; and if the store took the part, it counts, so a retry
            // resumes after it.
            if (inFlight is var (part, unfinished))
            {
                await ConfirmIfSentAsync(part, unfinished, sent);
            }
        }
    }

    private static async Task ConfirmIfSentAsync<T>(ContentPart part, Task<T> request, Action<ContentPart, T> sent)
    {
        T result;
        try
        {
            result = await request;
        }
        catch (Exception)
        {
            // The failure that got here first is the one reported.
            return;
        }

        try
        {
            sent(part, result);
        }
        catch (VfsException)
        {
            // A part the store kept wrongly is simply not counted; the first failure is still the one reported.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        foreach (var buffer in _buffers)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
