using System.Net;
using System.Net.Sockets;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>
/// Opens the data connection of one transfer command: passive (EPSV, or PASV where the server lacks it) or
/// active (EPRT, or PORT; the client listens on the control connection's local address). Once the server
/// answered the command with 1xx, the connection is wrapped in TLS when the session protects data (PROT P).
/// </summary>
internal sealed class FtpDataConnector(FtpControlChannel control, FtpClientSettings settings, FtpTls? tls)
{
    private bool _noEpsv;
    private bool _noEprt;

    /// <summary>Sends <paramref name="command"/> (after <c>REST</c> when <paramref name="restartAt"/> is set) and returns its data connection.</summary>
    public async Task<FtpDataStream> OpenAsync(string command, long restartAt, CancellationToken cancellationToken)
    {
        var verb = command.Split(' ')[0];
        var what = $"{settings.Description} ({verb} data)";
        var socket = settings.Passive ? await ConnectPassiveAsync(what, cancellationToken) : await ListenActiveAsync(cancellationToken);
        try
        {
            if (restartAt > 0)
            {
                var rest = await control.ExecuteAsync(FormattableString.Invariant($"REST {restartAt}"), cancellationToken);
                if (!rest.IsIntermediate)
                {
                    throw FtpException.Refused("REST", rest);
                }
            }

            var reply = await control.ExecuteAsync(command, cancellationToken);
            if (!reply.IsPreliminary)
            {
                throw FtpException.Refused(verb, reply);
            }

            if (!settings.Passive)
            {
                using var listener = socket;
                socket = await FtpIo.RunAsync($"{what}: waiting for the server to connect", settings.OperationTimeout,
                    token => listener.AcceptAsync(token).AsTask(), cancellationToken);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (tls is not null)
            {
                stream = await tls.AuthenticateAsync(stream, $"{what}: TLS", cancellationToken);
            }

            return new FtpDataStream(socket, stream, what, settings.OperationTimeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<Socket> ConnectPassiveAsync(string what, CancellationToken cancellationToken)
    {
        var server = control.RemoteAddress;
        IPEndPoint? endpoint = null;
        if (!_noEpsv)
        {
            var epsv = await control.ExecuteAsync("EPSV", cancellationToken);
            if (epsv.Code == 229 && FtpPassiveReply.EpsvPort(epsv.Message) is { } port)
            {
                endpoint = new IPEndPoint(server, port);
            }
            else if (epsv.IsTransientFailure)
            {
                throw FtpException.Refused("EPSV", epsv);
            }
            else
            {
                _noEpsv = true;
            }
        }

        if (endpoint is null)
        {
            var pasv = await control.ExecuteAsync("PASV", cancellationToken);
            var announced = pasv.Code == 227 ? FtpPassiveReply.PasvEndpoint(pasv.Message) : null;
            endpoint = announced is null
                ? throw FtpException.Refused("PASV", pasv)
                : new IPEndPoint(FtpPassiveReply.Choose(announced.Address, server), announced.Port);
        }

        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await FtpIo.RunAsync($"{what}: connecting to {endpoint}", settings.OperationTimeout, token => socket.ConnectAsync(endpoint, token).AsTask(), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<Socket> ListenActiveAsync(CancellationToken cancellationToken)
    {
        var local = control.LocalAddress;
        var listener = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(local, 0));
            listener.Listen(1);
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            if (!_noEprt)
            {
                var eprt = await control.ExecuteAsync(FtpActiveCommand.Eprt(local, port), cancellationToken);
                if (eprt.IsSuccess)
                {
                    return listener;
                }

                if (eprt.IsTransientFailure)
                {
                    throw FtpException.Refused("EPRT", eprt);
                }

                _noEprt = true;
            }

            var reply = await control.ExecuteAsync(FtpActiveCommand.Port(local, port), cancellationToken);
            return reply.IsSuccess ? listener : throw FtpException.Refused("PORT", reply);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
