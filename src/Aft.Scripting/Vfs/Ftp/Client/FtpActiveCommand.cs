using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>The commands that tell the server where to connect for an active data connection.</summary>
public static class FtpActiveCommand
{
    /// <summary>"EPRT |1|192.0.2.7|6446|" (RFC 2428), for IPv4 and IPv6.</summary>
    public static string Eprt(IPAddress address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"EPRT |{(address.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1)}|{address}|{port}|");

    /// <summary>"PORT 192,0,2,7,25,46" (RFC 959), IPv4 only.</summary>
    public static string Port(IPAddress address, int port)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new FtpException("active mode over IPv6 needs EPRT, which the server refused", transient: false);
        }

        var b = address.GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"PORT {b[0]},{b[1]},{b[2]},{b[3]},{port >> 8},{port & 255}");
    }
}
