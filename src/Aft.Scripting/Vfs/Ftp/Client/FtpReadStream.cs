using Aft.Scripting.IO;
namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// The content of a file being downloaded (<see cref="FtpClient.OpenReadAsync"/>). The end of the data is
/// reported only after the server confirmed the transfer, so a download the server broke off is an error, never
/// a short file. Disposing it early gives up the session (what the server says next is unknown).
/// </summary>
public sealed class FtpReadStream : ReadOnlyStream
{
    private readonly FtpClient _client;
    private readonly FtpDataStream _data;
    private bool _finished;
    private int _disposed;

    internal FtpReadStream(FtpClient client, FtpDataStream data)
    {
        _client = client;
        _data = data;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.Length == 0)
        {
            return 0;
        }

        var read = await _data.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            await _client.CompleteTransferAsync(_data, "RETR", cancellationToken);
            _finished = true;
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _data.Dispose();
            if (!_finished)
            {
                _client.Abandon();
            }
        }

        base.Dispose(disposing);
    }
}
