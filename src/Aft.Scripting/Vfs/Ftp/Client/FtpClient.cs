using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// One FTP or FTPS session (RFC 959, 2228, 2389, 2428, 3659, 4217): login, listings, single-file facts,
/// downloads from an offset, uploads (resumed with REST + STOR, or APPE), and the file and folder commands. One
/// command at a time; a download holds the session until its stream is done. Paths are sent as given (UTF-8);
/// the caller makes them absolute. Failures are <see cref="FtpException"/>s; after a transient one that broke
/// the connection, <see cref="IsConnected"/> is false.
/// </summary>
public sealed class FtpClient : IDisposable
{
    private const int CopyBufferBytes = 128 * 1024;

    private readonly FtpClientSettings _settings;
    private readonly FtpControlChannel _control;
    private readonly FtpTls? _tls;
    private readonly FtpDataConnector _data;

    private FtpClient(FtpClientSettings settings, FtpControlChannel control, FtpTls? tls)
    {
        _settings = settings;
        _control = control;
        _tls = tls;
        _data = new FtpDataConnector(control, settings, tls);
    }

    /// <summary>What the server announced in FEAT.</summary>
    public FtpFeatures Features { get; private set; } = FtpFeatures.None;

    public bool IsConnected => _control.IsOpen;

    /// <summary>Connects, switches to TLS as configured, logs in and sets binary mode.</summary>
    public static async Task<FtpClient> ConnectAsync(FtpClientSettings settings, CancellationToken cancellationToken)
    {
        var control = await FtpControlChannel.ConnectAsync(settings, cancellationToken);
        var client = new FtpClient(settings, control, settings.Tls == FtpTlsMode.None ? null : new FtpTls(settings));
        try
        {
            await client.LoginAsync(cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A cheap round trip (NOOP) that throws when the session no longer works.</summary>
    public async Task NoopAsync(CancellationToken cancellationToken) => Require(await _control.ExecuteAsync("NOOP", cancellationToken), "NOOP");

    /// <summary>The size of a file (SIZE), or null when the server has none to give (no such file, a directory, no SIZE).</summary>
    public async Task<long?> SizeAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Optional("SIZE " + path, cancellationToken);
        return reply is not null && long.TryParse(Argument(reply), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    /// <summary>The modification time of a file (MDTM), or null when the server has none to give.</summary>
    public async Task<DateTimeOffset?> ModifiedAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Optional("MDTM " + path, cancellationToken);
        return reply is null ? null : FtpMlsdParser.ParseTime(Argument(reply));
    }

    /// <summary>
    /// Sets a file's modification time: MFMT (draft-somers-ftp-mfxx) where announced, else MDTM with a time
    /// first, which vsftpd and others take for the same.
    /// </summary>
    public async Task SetModifiedAsync(string path, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var verb = Features.Has("MFMT") ? "MFMT" : "MDTM";
        var stamp = time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Require(await _control.ExecuteAsync($"{verb} {stamp} {path}", cancellationToken), verb);
    }

    /// <summary>The facts of one file or directory (MLST, where <see cref="FtpFeatures.Mlst"/>), or null when it does not exist.</summary>
    public async Task<FtpListItem?> MlstAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Optional("MLST " + path, cancellationToken);
        var facts = reply?.Lines.Skip(1).FirstOrDefault(line => line.StartsWith(' '));
        return facts is null ? null : FtpMlsdParser.ParseFacts(facts[1..]);
    }

    /// <summary>Whether <paramref name="path"/> is a directory the session can enter (CWD).</summary>
    public async Task<bool> IsDirectoryAsync(string path, CancellationToken cancellationToken) =>
        await Optional("CWD " + path, cancellationToken) is not null;

    /// <summary>The entries of a directory: MLSD where the server has it, else <c>LIST -a</c> (or plain LIST) parsed.</summary>
    public async Task<IReadOnlyList<FtpListItem>> ListAsync(string directory, CancellationToken cancellationToken)
    {
        Require(await _control.ExecuteAsync("CWD " + directory, cancellationToken), "CWD");
        if (Features.Mlst)
        {
            return [.. (await ReadListingAsync("MLSD", cancellationToken)).Select(FtpMlsdParser.Parse).OfType<FtpListItem>()];
        }

        IReadOnlyList<string> lines;
        try
        {
            lines = await ReadListingAsync("LIST -a", cancellationToken);
        }
        catch (FtpException ex) when (ex.Reply is not null && _control.IsOpen)
        {
            lines = await ReadListingAsync("LIST", cancellationToken);
        }

        var now = DateTimeOffset.UtcNow;
        return [.. lines.Select(line => FtpListParser.Parse(line, now)).OfType<FtpListItem>()];
    }

    public async Task MakeDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Require(await _control.ExecuteAsync("MKD " + path, cancellationToken), "MKD");

    public async Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Require(await _control.ExecuteAsync("RMD " + path, cancellationToken), "RMD");

    public async Task DeleteFileAsync(string path, CancellationToken cancellationToken) =>
        Require(await _control.ExecuteAsync("DELE " + path, cancellationToken), "DELE");

    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        var reply = await _control.ExecuteAsync("RNFR " + from, cancellationToken);
        if (!reply.IsIntermediate)
        {
            throw FtpException.Refused("RNFR", reply);
        }

        Require(await _control.ExecuteAsync("RNTO " + to, cancellationToken), "RNTO");
    }

    /// <summary>Starts downloading a file from <paramref name="offset"/> (REST + RETR). Dispose the stream before the next command.</summary>
    public async Task<FtpReadStream> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        new(this, await _data.OpenAsync("RETR " + path, offset, cancellationToken));

    /// <summary>
    /// Uploads <paramref name="source"/> to <paramref name="path"/>; with an <paramref name="offset"/> the bytes go
    /// after the first <paramref name="offset"/> bytes of the existing file (REST + STOR, or APPE where the server
    /// refuses that). Returns the bytes sent. When reading <paramref name="source"/> fails, the upload is ended
    /// cleanly (the server keeps what arrived) and that failure is rethrown.
    /// </summary>
    public async Task<long> StoreAsync(string path, Stream source, long offset, CancellationToken cancellationToken)
    {
        var data = await OpenUploadAsync(path, offset, cancellationToken);
        long sent = 0;
        Exception? sourceFailure = null;
        var buffer = new byte[CopyBufferBytes];
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    sourceFailure = ex;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                await data.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
            }

            await CompleteTransferAsync(data, "STOR", cancellationToken);
        }
        catch (FtpException ex) when (ex.Reply is not null && sourceFailure is not null)
        {
            // The server's complaint about the cut-short upload matters less than why it was cut short.
        }
        catch (Exception ex) when (ex is not FtpException { Reply: not null })
        {
            // Cut off mid-way: what the server says next is unknown.
            _control.Abandon();
            throw;
        }
        finally
        {
            await data.DisposeAsync();
        }

        if (sourceFailure is not null)
        {
            ExceptionDispatchInfo.Throw(sourceFailure);
        }

        return sent;
    }

    /// <summary>Closes the session (QUIT, without waiting for the answer).</summary>
    public void Dispose()
    {
        _control.Dispose();
        _tls?.Dispose();
    }

    /// <summary>Ends a transfer's data connection and reads the server's verdict on it.</summary>
    internal async Task CompleteTransferAsync(FtpDataStream data, string verb, CancellationToken cancellationToken)
    {
        await data.FinishAsync(cancellationToken);
        await data.DisposeAsync();
        var reply = await _control.ReadReplyAsync(verb, _settings.OperationTimeout, cancellationToken);
        if (!reply.IsSuccess)
        {
            throw FtpException.Refused(verb, reply);
        }
    }

    /// <summary>Gives up the session after a transfer was cut off.</summary>
    internal void Abandon() => _control.Abandon();

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        if (_settings.Tls == FtpTlsMode.Implicit)
        {
            await _control.StartTlsAsync(_tls!, cancellationToken);
        }

        var greeting = await _control.ReadReplyAsync("greeting", _settings.OperationTimeout, cancellationToken);
        while (greeting.Code == 120)
        {
            greeting = await _control.ReadReplyAsync("greeting", _settings.OperationTimeout, cancellationToken);
        }

        if (!greeting.IsSuccess)
        {
            throw new FtpException($"{_settings.Description} turned the connection away: {greeting.Message}", greeting.IsTransientFailure, greeting);
        }

        if (_settings.Tls == FtpTlsMode.Explicit)
        {
            var auth = await _control.ExecuteAsync("AUTH TLS", cancellationToken);
            if (auth.Code != 234)
            {
                throw new FtpException($"{_settings.Description} does not offer TLS (AUTH TLS: {auth.Message})", auth.IsTransientFailure, auth);
            }

            await _control.StartTlsAsync(_tls!, cancellationToken);
        }

        var login = await _control.ExecuteAsync("USER " + _settings.User, cancellationToken);
        if (login.IsIntermediate)
        {
            login = await _control.ExecuteAsync("PASS " + _settings.Password, cancellationToken);
        }

        if (!login.IsSuccess)
        {
            throw new FtpException($"login to {_settings.Description} refused: {login.Message}", login.IsTransientFailure, login);
        }

        if (_tls is not null)
        {
            Require(await _control.ExecuteAsync("PBSZ 0", cancellationToken), "PBSZ");
            Require(await _control.ExecuteAsync("PROT P", cancellationToken), "PROT P");
        }

        var features = await _control.ExecuteAsync("FEAT", cancellationToken);
        Features = features.Code == 211 ? FtpFeatures.Parse(features) : FtpFeatures.None;
        if (Features.Utf8)
        {
            // Servers that announce UTF8 may still want to be asked; a refusal changes nothing for UTF-8 paths.
            await _control.ExecuteAsync("OPTS UTF8 ON", cancellationToken);
        }

        Require(await _control.ExecuteAsync("TYPE I", cancellationToken), "TYPE I");
    }

    private async Task<FtpDataStream> OpenUploadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return await _data.OpenAsync("STOR " + path, 0, cancellationToken);
        }

        try
        {
            return await _data.OpenAsync("STOR " + path, offset, cancellationToken);
        }
        catch (FtpException ex) when (ex.Reply is not null && _control.IsOpen)
        {
            // Some servers refuse REST before STOR (proftpd without AllowStoreRestart); appending does the same here.
            return await _data.OpenAsync("APPE " + path, 0, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<string>> ReadListingAsync(string command, CancellationToken cancellationToken)
    {
        var data = await _data.OpenAsync(command, 0, cancellationToken);
        try
        {
            var bytes = new MemoryStream();
            await data.CopyToAsync(bytes, cancellationToken);
            await CompleteTransferAsync(data, command.Split(' ')[0], cancellationToken);
            return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.TrimEnd('\r'))
                .Where(line => line.Length > 0)
                .ToList();
        }
        catch (Exception ex) when (ex is not FtpException { Reply: not null })
        {
            _control.Abandon();
            throw;
        }
        finally
        {
            await data.DisposeAsync();
        }
    }

    /// <summary>Runs a query whose 5xx answer means "none" (no such file, or a command the server lacks); 4xx still throws.</summary>
    private async Task<FtpReply?> Optional(string command, CancellationToken cancellationToken)
    {
        var reply = await _control.ExecuteAsync(command, cancellationToken);
        return reply.IsSuccess ? reply : reply.IsTransientFailure ? throw FtpException.Refused(command.Split(' ')[0], reply) : null;
    }

    private static void Require(FtpReply reply, string what)
    {
        if (!reply.IsSuccess)
        {
            throw FtpException.Refused(what, reply);
        }
    }

    /// <summary>The text after the code of a one-line reply ("213 1234" gives "1234").</summary>
    private static string Argument(FtpReply reply) => reply.Message.Length > 4 ? reply.Message[4..].Trim() : string.Empty;
}
