using System.Net;
using System.Net.Sockets;

namespace Aft.Scripting.Tests;

public static class ClosedPort
{
    /// <summary>A loopback port nothing listens on (it was free a moment ago), for connection-refused tests.</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
