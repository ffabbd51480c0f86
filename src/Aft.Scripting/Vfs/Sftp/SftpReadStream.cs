using Aft.Scripting.Vfs.Connections;
using Renci.SshNet.Sftp;

namespace Aft.Scripting.Vfs.Sftp;

/// <summary>
/// A remote file being read: it holds its pooled session until disposed, and a read that fails mid-way marks the
/// session broken and reports a transient error (so the transfer resumes at the bytes already read).
/// </summary>
internal sealed class SftpReadStream(SftpFileStream inner, PooledConnection<SftpConnection> rented, string path)
    : PooledReadStream<SftpConnection>(rented)
{
    protected override ValueTask<int> ReadContentAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, cancellationToken);

    protected override VfsException? Failure(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException)
        {
            return null;
        }

        Rented.Broken();
        return SftpErrors.Translate(exception, path, "read");
    }

    protected override async ValueTask CloseContentAsync()
    {
        try
        {
            await inner.DisposeAsync();
        }
        catch (Exception)
        {
            // Closing the handle on a session that died: the session is dropped below.
            Rented.Broken();
        }

        if (!Rented.Connection.IsConnected)
        {
            Rented.Broken();
        }
    }
}
