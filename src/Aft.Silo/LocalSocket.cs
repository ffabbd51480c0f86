using System.Net;
using System.Net.Sockets;
using Aft.Grains.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Silo;

/// <summary>
/// The service's channel for <c>aft run</c> on the same machine: plain HTTP on the Unix socket
/// <c>DATA_DIR/aft.sock</c>, made owner-only (0600) the moment it is bound, inside the owner-only data dir.
/// Whoever can connect already owns the data dir (its keys and databases), so the socket needs no API key.
/// </summary>
public static class LocalSocket
{
    public const string FileName = "aft.sock";

    public static string PathIn(DataDirectory dataDirectory) => dataDirectory.Combine(FileName);

    public static void Listen(WebApplicationBuilder builder, DataDirectory dataDirectory)
    {
        var path = PathIn(dataDirectory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(path, listen => listen.Use(next => connection =>
        {
            // The socket transport does not publish its endpoints to requests; this lets LocalApi see that a request came in on the socket.
            connection.Features.Set<IConnectionEndPointFeature>(new EndPoints(connection.LocalEndPoint, connection.RemoteEndPoint));
            return next(connection);
        })));
        builder.Services.Configure<SocketTransportOptions>(options => options.CreateBoundListenSocket = endpoint =>
        {
            if (endpoint is not UnixDomainSocketEndPoint)
            {
                return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            }

            // A socket left by a service that died is in the way of bind; this node holds the data dir lock, so it is stale.
            File.Delete(path);
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return socket;
        });
    }

    private sealed class EndPoints(EndPoint? local, EndPoint? remote) : IConnectionEndPointFeature
    {
        public EndPoint? LocalEndPoint { get; set; } = local;

        public EndPoint? RemoteEndPoint { get; set; } = remote;
    }
}
