using Aft.Testing.Servers;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>vsftpd with explicit FTPS and its default require_ssl_reuse=YES; the VFS pins the server's self-signed certificate.</summary>
public sealed class VsftpdFtpsFixture : FtpServerFixture
{
    public VsftpdServer Vsftpd => (VsftpdServer)Server;

    protected override string Type => "ftps";

    protected override async Task<FtpTestServer> StartAsync() => await VsftpdServer.StartAsync(tls: true);

    // The colon form, as openssl prints it, to check that it is accepted.
    protected override IReadOnlyDictionary<string, string> BaseOptions() =>
        new Dictionary<string, string> { ["tls"] = "explicit", ["tlsCertSha256"] = Server.Certificate.Sha256WithColons };
}
