using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// A download: holds its request slot until disposed, gives every read at most the operation timeout (the SDKs
/// time out a request only until its headers arrive), and reports a transfer cut off half-way as a transient
/// <see cref="VfsException"/> naming the path.
/// </summary>
public sealed class ObjectReadStream : Stream
{
    private readonly Stream _content;
    private readonly IDisposable _response;
    private readonly PooledConnection<ObjectSlot> _slot;
    private readonly string _path;
    private readonly TimeSpan _readTimeout;
    private readonly Func<string, Exception, VfsException> _translate;
    private int _disposed;

    /// <param name="content">The response body.</param>
    /// <param name="response">What owns the body (disposing it ends the HTTP response).</param>
    /// <param name="slot">The slot the download holds.</param>
    /// <param name="path">The VFS path, for messages.</param>
    /// <param name="readTimeout">Longest wait for one read.</param>
    /// <param name="translate">The store's <see cref="IObjectStore.Translate"/>.</param>
    public ObjectReadStream(
        Stream content, IDisposable response, PooledConnection<ObjectSlot> slot, string path, TimeSpan readTimeout, Func<string, Exception, VfsException> translate)
    {
        _content = content;
        _response = response;
        _slot = slot;
        _path = path;
        _readTimeout = readTimeout;
        _translate = translate;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_readTimeout);
        try
        {
            return await _content.ReadAsync(buffer, timeout.Token);
        }
        catch (Exception ex) when (ex is not VfsException && !cancellationToken.IsCancellationRequested)
        {
            _slot.Broken();
            throw _translate($"'{_path}'", ex);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _response.Dispose();
            await _slot.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _response.Dispose();
            _slot.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
