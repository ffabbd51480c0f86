using System.Net;
using System.Net.Sockets;

namespace Aft.Bench.Cluster;

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 now; the OS picks it, and nothing holds it until a server binds it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
