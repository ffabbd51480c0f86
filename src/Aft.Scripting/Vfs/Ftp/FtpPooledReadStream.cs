using Aft.Scripting.Vfs.Connections;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Vfs.Ftp;

/// <summary>A download that holds its pooled connection until disposed, then gives it back (or closes it, when the download was cut short).</summary>
internal sealed class FtpPooledReadStream(FtpReadStream inner, PooledConnection<FtpConnection> connection, string path)
    : PooledReadStream<FtpConnection>(connection)
{
    protected override ValueTask<int> ReadContentAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, cancellationToken);

    protected override VfsException? Failure(Exception exception, CancellationToken cancellationToken) =>
        exception is FtpException ftp ? FtpErrors.Translate(path, ftp) : null;

    protected override ValueTask CloseContentAsync() => inner.DisposeAsync();
}
