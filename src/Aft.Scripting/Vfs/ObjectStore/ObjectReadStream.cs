using Aft.Scripting.IO;
using Aft.Scripting.Vfs.Connections;

namespace Aft.Scripting.Vfs.ObjectStore;

/// <summary>
/// A download: holds its request slot until disposed, gives every read at most the operation timeout (the SDKs
/// time out a request only until its headers arrive), and reports a transfer cut off half-way as a transient
/// <see cref="VfsException"/> naming the path.
/// </summary>
/// <param name="content">The response body.</param>
/// <param name="response">What owns the body (disposing it ends the HTTP response).</param>
/// <param name="slot">The slot the download holds.</param>
/// <param name="path">The VFS path, for messages.</param>
/// <param name="readTimeout">Longest wait for one read.</param>
/// <param name="translate">The store's <see cref="IObjectStore.Translate"/>.</param>
public sealed class ObjectReadStream(
    Stream content, IDisposable response, PooledConnection<ObjectSlot> slot, string path, TimeSpan readTimeout, Func<string, Exception, VfsException> translate)
    : ReadOnlyStream
{
    private int _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(readTimeout);
        try
        {
            return await content.ReadAsync(buffer, timeout.Token);
        }
        catch (Exception ex) when (ex is not VfsException && !cancellationToken.IsCancellationRequested)
        {
            slot.Broken();
            throw translate($"'{path}'", ex);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            response.Dispose();
            await slot.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            response.Dispose();
            slot.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
