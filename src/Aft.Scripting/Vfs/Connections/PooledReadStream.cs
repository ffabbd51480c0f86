using Aft.Scripting.IO;

namespace Aft.Scripting.Vfs.Connections;

/// <summary>
/// A download that holds its pooled connection until it is disposed, then closes its content and gives the
/// connection back (the pool drops it if the backend marked it broken). Each backend says how it reads, what a
/// failed read is reported as, and how its content is closed.
/// </summary>
public abstract class PooledReadStream<T>(PooledConnection<T> rented) : ReadOnlyStream
    where T : class, IVfsConnection
{
    private int _disposed;

    protected PooledConnection<T> Rented => rented;

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadContentAsync(buffer, cancellationToken);
        }
        catch (Exception ex)
        {
            var failure = Failure(ex, cancellationToken);
            if (failure is null)
            {
                throw;
            }

            throw failure;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await base.DisposeAsync();
    }

    protected abstract ValueTask<int> ReadContentAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>What a failed read is reported as (marking the connection broken where it is); null passes the exception on as it is.</summary>
    protected abstract VfsException? Failure(Exception exception, CancellationToken cancellationToken);

    /// <summary>Ends the content (and the response or handle it belongs to) before the connection goes back.</summary>
    protected abstract ValueTask CloseContentAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await CloseContentAsync();
            await rented.DisposeAsync();
        }
    }
}
