using Aft.Scripting.IO;

namespace Aft.Scripting.Vfs;

/// <summary>
/// The bytes a write stores, opened by the backend when it is ready for them, at an offset when it resumes an
/// earlier partial write.
/// </summary>
public sealed class VfsContent
{
    private readonly Func<long, CancellationToken, Task<Stream>> _open;

    private VfsContent(long length, bool resumable, Func<long, CancellationToken, Task<Stream>> open)
    {
        Length = length;
        Resumable = resumable;
        _open = open;
    }

    /// <summary>The number of bytes; a write stores exactly this many or fails.</summary>
    public long Length { get; }

    /// <summary>Whether <see cref="OpenAsync"/> takes an offset other than 0 (and may be called again).</summary>
    public bool Resumable { get; }

    /// <summary>Opens the content at <paramref name="offset"/>; the caller disposes the stream.</summary>
    public Task<Stream> OpenAsync(long offset, CancellationToken cancellationToken) => _open(offset, cancellationToken);

    /// <summary>Content that can be opened at any offset, any number of times.</summary>
    public static VfsContent From(long length, Func<long, CancellationToken, Task<Stream>> open) => new(length, resumable: true, open);

    public static VfsContent FromBytes(byte[] data) =>
        new(data.Length, resumable: true, (offset, _) => Task.FromResult<Stream>(new MemoryStream(data, (int)offset, data.Length - (int)offset, writable: false)));

    /// <summary>Content that can be read once, from its start (a backend that finds a partial file starts over).</summary>
    public static VfsContent FromStream(Stream stream, long length)
    {
        var opened = 0;
        return new(length, resumable: false, (offset, _) =>
        {
            if (offset != 0 || Interlocked.Exchange(ref opened, 1) != 0)
            {
                throw new NotSupportedException("this content can be read once, from its start");
            }

            return Task.FromResult<Stream>(new NonClosingStream(stream));
        });
    }

    /// <summary>Lets a backend dispose what it opened without closing a stream the caller owns.</summary>
    private sealed class NonClosingStream(Stream inner) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    }
}
