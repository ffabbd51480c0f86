using System.Buffers;
using System.Security.Cryptography;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// Reads a write's content one part (S3) or block (Azure) at a time into a buffer, so each request has a known
/// length and MD5 and can be sent again, and counts what arrived: content shorter or longer than
/// <see cref="VfsContent.Length"/> fails before anything is completed. Buffers take turns, so the next part is read
/// and hashed while earlier ones are on their way (<see cref="SendAllAsync{T}"/>); they are taken from the pool as
/// they are first needed, so a one-part write holds one.
/// </summary>
public sealed class ContentParts : IAsyncDisposable
{
    private const int MiB = 1024 * 1024;

    /// <summary>Past this a part no longer fits one buffer comfortably; such objects need more parts than the store allows.</summary>
    private const int MaxPartSize = 1024 * MiB;

    private readonly VfsContent _content;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[]?[] _buffers;
    private int _turn;

    private ContentParts(VfsContent content, Stream stream, string path, long offset, int partsInFlight)
    {
        _content = content;
        _stream = stream;
        _path = path;
        Position = offset;
        _buffers = new byte[]?[Math.Max(1, partsInFlight) + 1];
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

    /// <summary>
    /// Opens the content at <paramref name="offset"/> (the first part not yet stored), for
    /// <paramref name="partsInFlight"/> requests at once in <see cref="SendAllAsync{T}"/>.
    /// </summary>
    public static async Task<ContentParts> OpenAsync(VfsContent content, long offset, int partsInFlight, string path, CancellationToken cancellationToken) =>
        new(content, await content.OpenAsync(offset, cancellationToken), path, offset, partsInFlight);

    /// <summary>
    /// Reads the next part (<paramref name="partSize"/> bytes, or what is left), with its MD5. Its memory is reused
    /// once every other buffer has had its turn. After the last part, checks that the content has nothing more.
    /// </summary>
    public async Task<ContentPart> NextAsync(int partSize, CancellationToken cancellationToken)
    {
        var buffer = _buffers[_turn++ % _buffers.Length] ??= ArrayPool<byte>.Shared.Rent(partSize);
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
    /// Sends every part still to read, up to the partsInFlight given to <see cref="OpenAsync"/> at once, reading the
    /// next part while earlier ones are sent (a stream copy plus an MD5 pass per part that does not wait for the
    /// network). <paramref name="send"/> is called in the parts' order; <paramref name="sent"/> runs for each part in
    /// that order, once its request has succeeded, so what it counts is always the content's first parts.
    /// </summary>
    public async Task SendAllAsync<T>(int partSize, Func<ContentPart, CancellationToken, Task<T>> send, Action<ContentPart, T> sent, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(ContentPart Part, Task<T> Request)>();
        var counted = true;

        async Task SettleOldestAsync()
        {
            var (part, request) = inFlight.Dequeue();
            try
            {
                sent(part, await request);
            }
            catch (Exception)
            {
                counted = false;
                throw;
            }
        }

        try
        {
            while (!Done)
            {
                var part = await NextAsync(partSize, cancellationToken);
                if (inFlight.Count == _buffers.Length - 1)
                {
                    await SettleOldestAsync();
                }

                inFlight.Enqueue((part, send(part, cancellationToken)));
            }

            while (inFlight.Count > 0)
            {
                await SettleOldestAsync();
            }
        }
        finally
        {
            // Something failed while requests were on their way. They may still be reading their buffers, so they
            // must end before the buffers go back to the pool; and if the failure came after them (reading the next
            // part), the parts the store took count in order, so a retry resumes after them.
            while (inFlight.TryDequeue(out var unfinished))
            {
                counted = await SettleQuietlyAsync(unfinished.Part, unfinished.Request, counted ? sent : null);
            }
        }
    }

    /// <summary>Waits for a request that can no longer be reported; counts its part when <paramref name="sent"/> is given and it succeeded.</summary>
    private static async Task<bool> SettleQuietlyAsync<T>(ContentPart part, Task<T> request, Action<ContentPart, T>? sent)
    {
        T result;
        try
        {
            result = await request;
        }
        catch (Exception)
        {
            // The failure that got here first is the one reported.
            return false;
        }

        try
        {
            sent?.Invoke(part, result);
            return sent is not null;
        }
        catch (VfsException)
        {
            // A part the store kept wrongly is simply not counted; the first failure is still the one reported.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        foreach (var buffer in _buffers.OfType<byte[]>())
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
