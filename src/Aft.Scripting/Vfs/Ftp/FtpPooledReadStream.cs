using Aft.Scripting.IO;
using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>A download that holds its pooled connection until disposed, then gives it back (or closes it, when the download was cut short).</summary>
internal sealed class FtpPooledReadStream(FtpReadStream inner, PooledConnection<FtpConnection> connection, string path) : ReadOnlyStream
{
    private int _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (FtpException ex)
        {
            throw FtpErrors.Translate(path, ex);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await inner.DisposeAsync();
            await connection.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inner.Dispose();
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
