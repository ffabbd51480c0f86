using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// The control connection: commands out, replies in (multi-line ones included), in clear text or, after
/// <see cref="StartTlsAsync"/>, over TLS. Each command waits at most the operation timeout for its reply; a
/// timeout or I/O failure leaves the channel broken (<see cref="IsOpen"/> false), since what the server will
/// say next is then unknown.
/// </summary>
internal sealed class FtpControlChannel : IDisposable
{
    private const int MaxLineBytes = 64 * 1024;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Socket _socket;
    private readonly FtpClientSettings _settings;
    private readonly byte[] _buffer = new byte[8 * 1024];
    private Stream _stream;
    private int _start;
    private int _end;
    private bool _broken;

    private FtpControlChannel(Socket socket, FtpClientSettings settings)
    {
        _socket = socket;
        _settings = settings;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public bool IsOpen => !_broken && _socket.Connected;

    /// <summary>This end of the control connection: active mode listens on its address.</summary>
    public IPAddress LocalAddress => Plain(((IPEndPoint)_socket.LocalEndPoint!).Address);

    /// <summary>The server's address: passive data connections go there.</summary>
    public IPAddress RemoteAddress => Plain(((IPEndPoint)_socket.RemoteEndPoint!).Address);

    public static async Task<FtpControlChannel> ConnectAsync(FtpClientSettings settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await FtpIo.RunAsync($"connecting to {settings.Description}", settings.ConnectTimeout,
                token => socket.ConnectAsync(settings.Host, settings.Port, token).AsTask(), cancellationToken);
            return new FtpControlChannel(socket, settings);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Switches the channel to TLS (at once for implicit FTPS, after a 234 reply to AUTH TLS for explicit).</summary>
    public async Task StartTlsAsync(FtpTls tls, CancellationToken cancellationToken)
    {
        _stream = await Guard(tls.AuthenticateAsync(_stream, $"{_settings.Description}: TLS", cancellationToken));
    }

    /// <summary>Sends a command and reads its reply (a 1xx one for transfers; read the final one with <see cref="ReadReplyAsync"/>).</summary>
    public async Task<FtpReply> ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        if (command.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new FtpException("a path or name holds a line break, which FTP cannot send", transient: false);
        }

        var bytes = Utf8.GetBytes(command + "\r\n");
        var reply = await Guard(FtpIo.RunAsync(What(command), _settings.OperationTimeout, async token =>
        {
            await _stream.WriteAsync(bytes, token);
            await _stream.FlushAsync(token);
            return await ReadReplyCoreAsync(token);
        }, cancellationToken));

        // 421: the server is closing the connection (idle timeout, shutdown), whatever the command was.
        _broken |= reply.Code == 421;
        return reply;
    }

    /// <summary>Reads one reply: the greeting, or the final reply of a transfer.</summary>
    public Task<FtpReply> ReadReplyAsync(string what, TimeSpan timeout, CancellationToken cancellationToken) =>
        Guard(FtpIo.RunAsync(What(what), timeout, ReadReplyCoreAsync, cancellationToken));

    /// <summary>Marks the channel unusable without any I/O (a transfer was cut off: replies may still be on their way).</summary>
    public void Abandon() => _broken = true;

    /// <summary>Says goodbye without waiting for the answer, and closes.</summary>
    public void Dispose()
    {
        if (IsOpen)
        {
            try
            {
                _socket.SendTimeout = 1000;
                _stream.Write("QUIT\r\n"u8);
                _stream.Flush();
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Closing anyway.
            }
        }

        _broken = true;
        _stream.Dispose();
        _socket.Dispose();
    }

    private string What(string command)
    {
        // Only the verb: PASS must never show its argument, and paths are named by the caller.
        var space = command.IndexOf(' ');
        return $"{_settings.Description} ({(space < 0 ? command : command[..space])})";
    }

    private async Task<T> Guard<T>(Task<T> step)
    {
        try
        {
            return await step;
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    private async Task<FtpReply> ReadReplyCoreAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken);
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 100)
        {
            throw new FtpException($"{_settings.Description}: not an FTP reply: \"{Shorten(first)}\"", transient: true);
        }

        var lines = new List<string> { first };
        if (first.Length > 3 && first[3] == '-')
        {
            // A multi-line reply ends with a line that starts with the same code and a space (RFC 959 4.2).
            var end = first[..3];
            string line;
            do
            {
                line = await ReadLineAsync(cancellationToken);
                lines.Add(line);
            }
            while (!(line.StartsWith(end, StringComparison.Ordinal) && (line.Length == 3 || line[3] == ' ')));
        }

        return new FtpReply(code, lines);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                return Utf8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r');
            }

            line.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            if (line.Length > MaxLineBytes)
            {
                throw new FtpException($"{_settings.Description}: a reply line longer than {MaxLineBytes} bytes", transient: true);
            }

            var read = await _stream.ReadAsync(_buffer, cancellationToken);
            if (read == 0)
            {
                throw new FtpException($"{_settings.Description}: the server closed the connection", transient: true);
            }

            _end = read;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
