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

    [Fact]
    public async Task Active_mode_works_over_TLS_with_the_session_resumed()
    {
        await using var vfs = fixture.Open(Server.NewFolder(), new Dictionary<string, string> { ["passive"] = "false" });

        await vfs.Backend.WriteAsync("/active.txt", VfsContent.FromBytes("over TLS"u8.ToArray()), VfsWriteOptions.Default, None);
        await using var read = await vfs.Backend.OpenReadAsync("/active.txt", 5, None);

        Assert.Equal("TLS", await new StreamReader(read).ReadToEndAsync());
        Assert.Equal(["active.txt"], (await vfs.Backend.ListAsync("/", None)).Select(entry => entry.Name));
        Assert.Contains("\"EPRT |1|127.0.0.1|", Server.Log);
        Assert.DoesNotContain("No SSL session reuse", Server.Log);
    }

    [Fact]
    public async Task An_older_server_without_EPSV_EPRT_SIZE_and_MDTM_is_served_with_PASV_PORT_and_listings()
    {
        using var old = await VsftpdServer.StartAsync(tls: true, "cmds_denied=EPSV,EPRT,SIZE,MDTM");
        var options = new Dictionary<string, string>
        {
            ["user"] = FtpTestServer.User, ["root"] = old.NewFolder(), ["tls"] = "explicit", ["tlsCertSha256"] = old.Certificate.Sha256,
        };

        foreach (var passive in new[] { "true", "false" })
        {
            options["passive"] = passive;
            await using var vfs = FtpTestVfs.Open("ftps", $"127.0.0.1:{old.Port}", options, old.Password);
            await vfs.Backend.WriteAsync($"/{passive}.txt", VfsContent.FromBytes([7, 8]), VfsWriteOptions.Default, None);
            Assert.Single(await vfs.Backend.ListAsync("/", None), entry => entry.Name == $"{passive}.txt");
            Assert.Equal((2L, true), ((await vfs.Backend.StatAsync($"/{passive}.txt", None)).Size, (await vfs.Backend.StatAsync("/", None)).IsDir));
        }

        Assert.Contains("\"PASV\"", old.Log);
        Assert.Contains("\"PORT 127,0,0,1,", old.Log);
        Assert.Contains("\"227 Entering Passive Mode", old.Log);
        Assert.Contains("\"SIZE /", old.Log);
    }

    [Fact]
    public void Scripts_open_ftps_with_new_VirtualFS_and_see_a_refused_login_as_a_result()
    {
        using var harness = new ScriptHarness();
        harness.Secrets["ftp-pass"] = Server.Password;
        var settings = $$"""user: "aft-test", root: "{{Server.NewFolder()}}", tls: "explicit", tlsCertSha256: "{{Server.Certificate.Sha256}}" """;

        var lines = harness.RunLogged($$"""
            var ftp = new VirtualFS("FTPS", "127.0.0.1:{{Server.Port}}", { {{settings}}, credentials: { password: GetSecret("ftp-pass") } });
            Log(ftp.Type, ftp.WriteFileAsText("/s.txt", "from a script").Ok(), ftp.ReadFileAsText("/s.txt").Data());
            var wrong = new VirtualFS("ftps", "127.0.0.1:{{Server.Port}}", { {{settings}}, credentials: { password: "wrong-secret-77" } });
            var listing = wrong.ReadDir("/");
            Log(listing.Ok(), listing.ErrorMsg().indexOf("530") >= 0, listing.ErrorMsg().indexOf("wrong-secret-77"));
            """);

        Assert.Equal(["ftps true from a script", "false true -1"], lines);
    }
}
