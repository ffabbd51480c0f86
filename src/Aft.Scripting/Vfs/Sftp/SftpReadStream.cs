using Aft.Scripting.IO;
using Aft.Scripting.Vfs.Connections;
using Renci.SshNet.Sftp;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// A remote file being read: it holds its pooled session until disposed, and a read that fails mid-way marks the
/// session broken and reports a transient error (so the transfer resumes at the bytes already read).
/// </summary>
internal sealed class SftpReadStream(SftpFileStream inner, PooledConnection<SftpConnection> rented, string path) : ReadOnlyStream
{
    public override int Read(byte[] buffer, int offset, int count) => Guard(() => inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Fail(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync();
        }
        catch (Exception)
        {
            // Closing the handle on a session that died: the session is dropped below.
            rented.Broken();
        }

        if (!rented.Connection.IsConnected)
        {
            rented.Broken();
        }

        await rented.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private int Guard(Func<int> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    private VfsException Fail(Exception exception)
    {
        rented.Broken();
        return SftpErrors.Translate(exception, path, "read");
    }
}
