using System.Net;
using System.Net.Sockets;

namespace Aft.Silo;

/// <summary>Checks a listen address before the host starts, so a taken port is one clear line and not a failed start.</summary>
public static class TcpPorts
{
    /// <summary>A port on loopback that nothing listens on now (the OS picks it).</summary>
    public static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Throws when <paramref name="endpoint"/> cannot be listened on. The probe does not ask for port sharing, so it
    /// also sees a listener that allows it (Orleans' silo does), which a second silo would otherwise silently join.
    /// </summary>
    /// <param name="what">What listens there, for the message (<c>https://127.0.0.1:44399</c>).</param>
    /// <param name="fix">How to choose another, for the message (<c>pick another port with --port</c>).</param>
    public static void ThrowIfUnavailable(IPEndPoint endpoint, string what, string fix)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException ex)
        {
            throw new ServiceStartException(ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"{what} is taken (another AFT service or another program listens there); {fix}",
                SocketError.AccessDenied => $"cannot listen on {what}: ports below 1024 need root; {fix}",
                SocketError.AddressNotAvailable => $"cannot listen on {what}: {endpoint.Address} is not an address of this machine; give another with --bind",
                _ => $"cannot listen on {what}: {ex.Message}; {fix}",
            });
        }
    }
}
