using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Aft.Scripting.Vfs.Ftp.Client;

/// <summary>Reads the replies to EPSV (229, RFC 2428) and PASV (227), and picks the address a passive data connection goes to.</summary>
public static partial class FtpPassiveReply
{
    /// <summary>The port of "229 Entering Extended Passive Mode (|||6446|)"; the address is the control connection's.</summary>
    public static int? EpsvPort(string text)
    {
        var match = Epsv().Match(text);
        return match.Success && int.TryParse(match.Groups["port"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : null;
    }

    /// <summary>The address and port of "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)".</summary>
    public static IPEndPoint? PasvEndpoint(string text)
    {
        var match = Pasv().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var numbers = match.Groups["n"].Captures.Select(capture => int.Parse(capture.Value, CultureInfo.InvariantCulture)).ToArray();
        if (numbers.Any(number => number > 255))
        {
            return null;
        }

        var port = numbers[4] * 256 + numbers[5];
        return port == 0 ? null : new IPEndPoint(new IPAddress([(byte)numbers[0], (byte)numbers[1], (byte)numbers[2], (byte)numbers[3]]), port);
    }

    /// <summary>
    /// Where to open a PASV data connection. A server behind NAT often announces its private address, and some
    /// announce 0.0.0.0: such an address is not used when the control connection reached the server elsewhere,
    /// and the data connection goes to the control connection's server address instead.
    /// </summary>
    public static IPAddress Choose(IPAddress announced, IPAddress server)
    {
        if (announced.Equals(server))
        {
            return announced;
        }

        return IsUnroutable(announced) && !IsUnroutable(server) || announced.Equals(IPAddress.Any) || announced.AddressFamily != server.AddressFamily
            ? server
            : announced;
    }

    private static bool IsUnroutable(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 172 && b[1] is >= 16 and <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 169 && b[1] == 254 || b[0] == 100 && b[1] is >= 64 and <= 127;
    }

    [GeneratedRegex(@"\((?<d>[!-~])\k<d>\k<d>(?<port>\d+)\k<d>\)")]
    private static partial Regex Epsv();

    [GeneratedRegex(@"(?<n>\d{1,3}),(?<n>\d{1,3}),(?<n>\d{1,3}),(?<n>\d{1,3}),(?<n>\d{1,3}),(?<n>\d{1,3})")]
    private static partial Regex Pasv();
}
