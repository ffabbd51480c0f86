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
    : PooledReadStream<ObjectSlot>(slot)
{
    protected override async ValueTask<int> ReadContentAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(readTimeout);
        return await content.ReadAsync(buffer, timeout.Token);
    }

    protected override VfsException? Failure(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is VfsException || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        Rented.Broken();
        return translate($"'{path}'", exception);
    }

    protected override ValueTask CloseContentAsync()
    {
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
