using System.Net;
using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>The passive replies and active commands, as vsftpd and proftpd send and take them.</summary>
public sealed class FtpDataConnectionParserTests
{
    [Theory]
    [InlineData("229 Entering Extended Passive Mode (|||22203|)", 22203)]
    [InlineData("229 Entering Extended Passive Mode (!!!1024!)", 1024)]
    [InlineData("229 Entering Extended Passive Mode (|||0|)", null)]
    [InlineData("229 Something else", null)]
    public void Epsv_gives_the_port(string reply, int? port) => Assert.Equal(port, FtpPassiveReply.EpsvPort(reply));

    [Theory]
    [InlineData("227 Entering Passive Mode (127,0,0,1,86,189).", "127.0.0.1", 22205)]
    [InlineData("227 Entering Passive Mode (192,168,10,5,195,80)", "192.168.10.5", 50000)]
    public void Pasv_gives_address_and_port(string reply, string address, int port)
    {
        var endpoint = FtpPassiveReply.PasvEndpoint(reply)!;

        Assert.Equal((IPAddress.Parse(address), port), (endpoint.Address, endpoint.Port));
    }

    [Fact]
    public void Pasv_refuses_numbers_beyond_a_byte() => Assert.Null(FtpPassiveReply.PasvEndpoint("227 Entering Passive Mode (300,0,0,1,1,1)"));

    [Theory]
    [InlineData("10.0.0.5", "203.0.113.7", "203.0.113.7")]
    [InlineData("0.0.0.0", "127.0.0.1", "127.0.0.1")]
    [InlineData("192.168.1.20", "192.168.1.10", "192.168.1.20")]
    [InlineData("198.51.100.9", "203.0.113.7", "198.51.100.9")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1")]
    public void An_unroutable_passive_address_gives_way_to_the_control_connections_server(string announced, string server, string chosen) =>
        Assert.Equal(IPAddress.Parse(chosen), FtpPassiveReply.Choose(IPAddress.Parse(announced), IPAddress.Parse(server)));

    [Fact]
    public void Active_commands_name_this_end_of_the_control_connection()
    {
        Assert.Equal("EPRT |1|127.0.0.1|50000|", FtpActiveCommand.Eprt(IPAddress.Loopback, 50000));
        Assert.Equal("EPRT |2|::1|50000|", FtpActiveCommand.Eprt(IPAddress.IPv6Loopback, 50000));
        Assert.Equal("PORT 127,0,0,1,195,80", FtpActiveCommand.Port(IPAddress.Loopback, 50000));
        Assert.Throws<FtpException>(() => FtpActiveCommand.Port(IPAddress.IPv6Loopback, 50000));
    }
}
