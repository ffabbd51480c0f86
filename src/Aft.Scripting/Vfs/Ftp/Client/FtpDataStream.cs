using System.Net.Security;
using System.Net.Sockets;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// One data connection, in clear text or TLS. Each read and write waits at most the operation timeout.
/// <see cref="FinishAsync"/> ends it the polite way: TLS close_notify, then the TCP send side, then waiting
/// for the server to close, so the server sees a clean end (vsftpd waits for close_notify) and no reset cuts off
/// bytes it has not read yet.
/// </summary>
internal sealed class FtpDataStream(Socket socket, Stream stream, string what, TimeSpan timeout) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(FtpIo.RunAsync(what, timeout, token => stream.ReadAsync(buffer, token).AsTask(), cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(FtpIo.RunAsync(what, timeout, token => stream.WriteAsync(buffer, token).AsTask(), cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Ends the connection cleanly, as far as the server still listens; failures are ignored, since the server's
    /// final reply on the control connection says whether the transfer worked.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FtpIo.RunAsync(what, timeout, async token =>
            {
                await stream.FlushAsync(token);
                if (stream is SslStream ssl)
                {
                    await ssl.ShutdownAsync();
                }

                socket.Shutdown(SocketShutdown.Send);
                var sink = new byte[4096];
                while (await stream.ReadAsync(sink, token) > 0)
                {
                    // Whatever still arrives (TLS 1.3 session tickets) is read, so closing sends no reset.
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is FtpException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            // The server has closed already, or does not answer; its reply tells.
        }
    }

    public override void Flush() => stream.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
            socket.Dispose();
        }

        base.Dispose(disposing);
    }
}
