using Aft.Scripting.Vfs;
using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>Certificate checks and TLS session reuse against vsftpd with explicit FTPS and require_ssl_reuse=YES.</summary>
public sealed class VsftpdFtpsTests(VsftpdFtpsFixture fixture) : IClassFixture<VsftpdFtpsFixture>
{
    private static CancellationToken None => CancellationToken.None;

    private VsftpdServer Server => fixture.Vsftpd;

    [Fact]
    public async Task A_certificate_that_is_not_the_pinned_one_is_refused_showing_the_servers_real_fingerprint()
    {
        await using var vfs = fixture.Open(Server.NewFolder(), new Dictionary<string, string> { ["tlsCertSha256"] = new string('a', 64) });

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.Backend.ListAsync("/", None));

        Assert.Contains(Server.Certificate.Sha256WithColons, error.Message);
        Assert.Contains("options.tlsCertSha256", error.Message);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task Without_a_pin_a_self_signed_certificate_is_refused_with_the_fingerprint_to_pin()
    {
        var options = new Dictionary<string, string> { ["user"] = FtpTestServer.User, ["root"] = Server.NewFolder(), ["tls"] = "explicit" };
        await using var vfs = FtpTestVfs.Open("ftps", $"127.0.0.1:{Server.Port}", options, Server.Password);

        var error = await Assert.ThrowsAsync<VfsException>(() => vfs.Backend.ListAsync("/", None));

        Assert.Contains("not trusted", error.Message);
        Assert.Contains(Server.Certificate.Sha256WithColons, error.Message);
    }

    [Fact]
    public async Task Every_data_connection_resumes_the_control_connections_TLS_session()
    {
        var logLength = Server.Log.Length;
        await using var vfs = fixture.Open(Server.NewFolder());

        await vfs.Backend.WriteAsync("/a.txt", VfsContent.FromBytes([1, 2, 3]), VfsWriteOptions.Default, None);
        await vfs.Backend.ListAsync("/", None);
        await using (var read = await vfs.Backend.OpenReadAsync("/a.txt", 1, None))
        {
            Assert.Equal(2, read.ReadByte());
        }

        var handshakes = Server.Log[logLength..].Split('\n').Where(line => line.Contains("SSL version:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, handshakes.Count); // the control connection, then STOR, LIST and RETR
        Assert.All(handshakes.Skip(1), line => Assert.Contains(", reused", line));
        Assert.All(handshakes, line => Assert.Contains("TLSv1.2", line));
        Assert.DoesNotContain("No SSL session reuse", Server.Log);
    }
}
